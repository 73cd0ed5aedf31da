"""Pushing to and querying real SPARQL servers: Oxigraph server and Virtuoso, started here.

Each server runs on 127.0.0.1 on a free port and is stopped by its process id. Virtuoso
comes from Debian (virtuoso-opensource): without it these tests skip, unless
UNKG_REQUIRE_VIRTUOSO=1 (set by .ci/run, which installs it), when they fail.
"""

from __future__ import annotations

import http.server
import os
import threading
import time

import pytest
from click.testing import CliRunner

from unkg.cli import main
from unkg.iris import Iris
from unkg.pipeline import build
from unkg.query import named_queries, run_on_store
from unkg.remote import Credentials, RemoteError, Server, push
from unkg.store import GraphStore
from unkg.infer import materialize

from conftest import EXAMPLE
from sparql_servers import free_port, oxigraph_server, virtuoso_binary, virtuoso_server

@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as running:
        yield running


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    if virtuoso_binary() is None:
        message = "Virtuoso is not installed (apt-get install virtuoso-opensource)"
        if os.environ.get("UNKG_REQUIRE_VIRTUOSO") == "1":
            pytest.fail(message + " and UNKG_REQUIRE_VIRTUOSO=1")
        pytest.skip(message)
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as running:
        yield running


@pytest.fixture(params=["oxigraph", "virtuoso"])
def server(request):
    urls = request.getfixturevalue(request.param)
    return request.param, urls


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory, corpus):
    """The graph built from the corpus (GA and SC texts), with its inferences."""
    path = tmp_path_factory.mktemp("corpus") / "store"
    store = GraphStore(path)
    files = sorted(p for folder in ("ga", "sc") for p in (corpus / folder).iterdir() if p.suffix in (".txt", ".md"))
    build(files, store=store, iris=Iris(), validate=False, jobs=2)
    iris = Iris()
    materialize(store, str(iris.ontology_graph), str(iris.inferred_graph), str(iris.reference_graph))
    store.close()
    return path


def graph_sizes(server: Server) -> dict[str, int]:
    result = server.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                          "FILTER(STRSTARTS(STR(?g), \"https://w3id.org/unkg/\")) } GROUP BY ?g")
    return {g: int(n) for g, n in result.rows}


def graph_contents(server: Server) -> dict[str, list]:
    result = server.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                          "FILTER(STRSTARTS(STR(?g), \"https://w3id.org/unkg/\")) }")
    contents: dict[str, list] = {}
    for g, *triple in result.rows:
        contents.setdefault(g, []).append(tuple(triple))
    return {g: sorted(triples) for g, triples in contents.items()}


QUERY_SYMBOLS = ["62/217", "78/72", "73/6", "80/12", "S/RES/242(1967)", "A/RES/73/91"]


def test_push_then_every_named_query_answers_as_the_embedded_store(server, corpus_store):
    name, urls = server
    remote = Server(urls.endpoint, urls.graph_store, credentials=urls.credentials)
    store = GraphStore(corpus_store, read_only=True)
    pushed = push(store, remote)
    sizes = graph_sizes(remote)
    assert sizes == {p.graph: p.triples for p in pushed}  # every graph whole, nothing more
    compared = 0
    for query in named_queries().values():
        for symbol in QUERY_SYMBOLS:
            text = query.bind({"symbol": symbol})
            here = run_on_store(store, text)
            there = remote.query(text)
            assert there.columns == here.columns
            assert sorted(there.rows, key=str) == sorted(here.rows, key=str), (name, query.name, symbol)
            compared += bool(here.rows)
    assert compared >= 15, "too few queries had answers to compare"
    # pushing again replaces each graph: nothing is duplicated
    push(store, remote)
    assert graph_sizes(remote) == sizes


def test_a_changed_resolution_changes_only_its_graph(server, tmp_path):
    name, urls = server
    remote = Server(urls.endpoint, urls.graph_store, credentials=urls.credentials)
    store = GraphStore(tmp_path / "store")
    files = []
    for number in (500, 501, 502):
        path = tmp_path / f"A_RES_78_{number}.zh.txt"
        path.write_text(EXAMPLE.read_text(encoding="utf-8").replace("78/72.", f"78/{number}.", 1), encoding="utf-8")
        files.append(path)
    build(files, store=store, iris=Iris(), validate=False)
    push(store, remote)
    before = graph_contents(remote)
    files[1].write_text(files[1].read_text(encoding="utf-8").replace("回顾其", "回顾其各项", 1), encoding="utf-8")
    build(files, store=store, iris=Iris(), validate=False)
    push(store, remote)
    after = graph_contents(remote)
    changed = {g for g in before.keys() | after.keys() if before.get(g) != after.get(g)}
    assert changed == {"https://w3id.org/unkg/graph/A/RES/78/501/zh"}, name


def test_push_through_sparql_update(server, tmp_path):
    name, urls = server
    remote = Server(urls.endpoint, update_endpoint=urls.update_endpoint, credentials=urls.credentials)
    store = GraphStore(tmp_path / "store")
    build([EXAMPLE], store=store, iris=Iris(), validate=False)
    pushed = push(store, remote)
    push(store, remote)
    sizes = graph_sizes(remote)
    assert all(sizes[p.graph] == p.triples for p in pushed), name
    text = named_queries()["paragraphs"].bind({"symbol": "78/72"})
    assert sorted(remote.query(text).rows) == sorted(run_on_store(store, text).rows)


def run(*args, code=0, env=None):
    result = CliRunner(env=env).invoke(main, list(args))
    assert result.exit_code == code, result.output
    return result


def test_the_cli_pushes_and_queries(tmp_path):
    store = str(tmp_path / "store")
    run("build", str(EXAMPLE), "--store", store)
    local_store = GraphStore(store, read_only=True)
    triples = sum(len(local_store.graph(name)) for name in local_store.graph_names())
    local_store.close()
    (tmp_path / "server").mkdir()
    with oxigraph_server(tmp_path / "server") as empty:  # a server of its own: nothing else in it
        result = run("push", "--store", store, "--endpoint", empty.endpoint, "--graph-store", empty.graph_store)
        assert f"pushed 3 graphs, {triples} triples" in result.stderr
        assert f"now holds {triples} triples" in result.stderr
        remote = run("query", "recalling", "--param", "symbol=62/217", "--endpoint", empty.endpoint,
                     "--format", "csv").stdout
    local = run("query", "recalling", "--param", "symbol=62/217", "--store", store, "--format", "csv").stdout
    assert remote == local and "A/RES/78/72" in remote


def test_a_server_that_is_down(tmp_path):
    port = free_port()
    result = run("query", "recalling", "--param", "symbol=62/217", "--endpoint", f"http://127.0.0.1:{port}/query",
                 code=2)
    assert "cannot reach the SPARQL server" in result.stderr and "running" in result.stderr


def test_a_wrong_graph_store_path(oxigraph, tmp_path):
    store = str(tmp_path / "store")
    run("build", str(EXAMPLE), "--store", store)
    wrong = oxigraph.graph_store.replace("/store", "/no-such-path")
    result = run("push", "--store", store, "--graph-store", wrong, code=2)
    assert "no Graph Store at" in result.stderr and "--graph-store" in result.stderr


def test_a_query_the_server_rejects_shows_its_message(oxigraph):
    result = run("query", "--sparql", "SELECT ?x WHERE { ?x ?y }", "--endpoint", oxigraph.endpoint, code=2)
    assert "rejected the query" in result.stderr and "error" in result.stderr.lower()


def test_refused_credentials_are_never_shown(virtuoso, tmp_path):
    store = str(tmp_path / "store")
    run("build", str(EXAMPLE), "--store", store)
    env = {"UNKG_SPARQL_USER": "dba", "UNKG_SPARQL_PASSWORD": "not-the-password-7731", "UNKG_SPARQL_AUTH": "digest"}
    result = run("push", "--store", store, "--graph-store", virtuoso.graph_store, code=2, env=env)
    assert "401" in result.stderr and "UNKG_SPARQL_USER" in result.stderr
    assert "not-the-password-7731" not in result.output


def test_a_user_and_password_in_the_url_are_never_shown():
    with pytest.raises(RemoteError) as error:
        Server("http://someone:secret-4417@127.0.0.1:9/query", credentials=Credentials()).query("ASK {}")
    assert "secret-4417" not in str(error.value) and "127.0.0.1:9" in str(error.value)


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A Graph Store that records what it is sent, or never answers (for timeouts)."""

    seen: list = []
    silent = False

    def do_PUT(self):
        if self.silent:
            time.sleep(5)
            return
        body = self.rfile.read(int(self.headers["Content-Length"] or 0))
        self.seen.append((self.command, self.path, self.headers.get("Authorization"), body))
        self.send_response(201)
        self.end_headers()

    do_POST = do_PUT

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.seen, _Recorder.silent = [], False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/store"
    server.shutdown()


def test_a_bearer_token_is_sent_and_large_graphs_go_in_chunks(recorder, tmp_path):
    store = GraphStore(tmp_path / "store")
    build([EXAMPLE], store=store, iris=Iris(), validate=False)
    name = "https://w3id.org/unkg/graph/A/RES/78/72/zh"
    remote = Server(graph_store=recorder, credentials=Credentials(token="tok-123"))
    pushed = push(store, remote, [name])
    requests = _Recorder.seen
    assert {auth for _, _, auth, _ in requests} == {"Bearer tok-123"}
    assert pushed[0].triples == 2160
    line = b"<urn:a> <urn:b> <urn:c> .\n"
    assert remote.put_graph(name, iter([line] * 5), chunk=2 * len(line)) == 5
    assert [method for method, *_ in requests[-3:]] == ["PUT", "POST", "POST"]


def test_a_server_that_does_not_answer_times_out(recorder, tmp_path):
    _Recorder.silent = True
    remote = Server(graph_store=recorder, timeout=1, credentials=Credentials())
    with pytest.raises(RemoteError, match="did not answer within 1 s"):
        remote.put_graph("urn:g", iter([b"<urn:a> <urn:b> <urn:c> .\n"]))
