"""Remote stage: push the store's named graphs to a SPARQL 1.1 server and query it there.

Pushing uses the SPARQL 1.1 Graph Store HTTP Protocol: one PUT per named graph, so a
re-push replaces a graph and never duplicates it; a large graph goes as a PUT of its first
chunk and POSTs (merges) of the others. A server that only takes SPARQL Update gets
`DROP SILENT GRAPH` and `INSERT DATA` in chunks, through SPARQLWrapper. Queries go through
SPARQLWrapper with JSON results.

Credentials come from the environment, never from the command line, and are never
printed: UNKG_SPARQL_USER and UNKG_SPARQL_PASSWORD (basic authentication, or digest with
UNKG_SPARQL_AUTH=digest), or UNKG_SPARQL_TOKEN (a bearer token).
"""

from __future__ import annotations

import http.client
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Callable, Iterator

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from .errors import UnkgError
from .query import QueryResult
from .store import STAGING, GraphStore

# per Graph Store request: Virtuoso resets the connection when a digest-authenticated body
# of several MB comes before its challenge (a 33k-triple graph in one PUT failed, 20k went)
CHUNK_BYTES = 2**20
UPDATE_CHUNK_TRIPLES = 1_000  # per INSERT DATA: Virtuoso refuses much larger updates
RETRIES = 4  # after the first attempt, on connection errors, 5xx and 429
TRANSIENT = {429, 500, 502, 503, 504}


class RemoteError(UnkgError):
    """A SPARQL server refused or could not be reached."""


class _Transient(Exception):
    """A failure worth another attempt; `final` is the error if none is left."""

    def __init__(self, final: RemoteError):
        super().__init__(final.message)
        self.final = final


@dataclass(frozen=True)
class Credentials:
    user: str | None = None
    password: str | None = None
    token: str | None = None
    scheme: str = "basic"  # or "digest"

    @classmethod
    def from_environment(cls) -> "Credentials":
        scheme = os.environ.get("UNKG_SPARQL_AUTH", "basic").lower()
        if scheme not in ("basic", "digest"):
            raise RemoteError(f"UNKG_SPARQL_AUTH={scheme!r} is not an authentication scheme unkg knows",
                              "set it to basic or digest (or UNKG_SPARQL_TOKEN for a bearer token)")
        return cls(os.environ.get("UNKG_SPARQL_USER"), os.environ.get("UNKG_SPARQL_PASSWORD"),
                   os.environ.get("UNKG_SPARQL_TOKEN"), scheme)


def shown(url: str) -> str:
    """A URL as messages show it: without any user:password@."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.hostname + (f":{parts.port}" if parts.port else "")))\
        if parts.hostname else url


def _check_url(url: str, option: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RemoteError(f"{option} {url!r} is not an http(s) URL",
                          "give the server's full URL, e.g. http://127.0.0.1:7878/query")


class Server:
    """A SPARQL 1.1 server: a query endpoint, and a Graph Store or an update endpoint."""

    def __init__(self, endpoint: str | None = None, graph_store: str | None = None,
                 update_endpoint: str | None = None, timeout: float = 60,
                 credentials: Credentials | None = None):
        for url, option in ((endpoint, "--endpoint"), (graph_store, "--graph-store"),
                            (update_endpoint, "--update-endpoint")):
            if url:
                _check_url(url, option)
        self.endpoint, self.graph_store, self.update_endpoint = endpoint, graph_store, update_endpoint
        self.timeout = timeout
        self.credentials = credentials or Credentials.from_environment()
        self.opener = self._opener()

    def _opener(self) -> urllib.request.OpenerDirector:
        handlers = []
        c = self.credentials
        if c.user and not c.token:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in (self.endpoint, self.graph_store, self.update_endpoint):
                if url:
                    passwords.add_password(None, url, c.user, c.password or "")
            handlers.append(urllib.request.HTTPDigestAuthHandler(passwords) if c.scheme == "digest"
                            else urllib.request.HTTPBasicAuthHandler(passwords))
        return urllib.request.build_opener(*handlers)

    # -- Graph Store Protocol -------------------------------------------------------------

    def _request(self, method: str, url: str, body: bytes | None = None,
                 content_type: str | None = None) -> bytes:
        """One HTTP request with retries on transient failures; clear errors otherwise."""
        headers = {"Content-Type": content_type} if content_type else {}
        if self.credentials.token:
            headers["Authorization"] = f"Bearer {self.credentials.token}"

        def send() -> bytes:
            request = urllib.request.Request(url, data=body, method=method, headers=headers)
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.read()

        return self._retrying(url, "Graph Store", send)

    def _retrying(self, url: str, what: str, call: Callable):
        """`call()`, tried again on connection errors, 429, 5xx and `_Transient`; the other
        failures become one RemoteError that says what to do."""
        for attempt in range(RETRIES + 1):
            last = attempt == RETRIES
            try:
                return call()
            except _Transient as transient:
                if last:
                    raise transient.final from None
            except urllib.error.HTTPError as error:
                if error.code not in TRANSIENT or last:
                    raise self._http_error(error.code, error.read(), url, what) from None
            except (urllib.error.URLError, ConnectionError, http.client.HTTPException, socket.timeout,
                    TimeoutError) as error:
                reason = getattr(error, "reason", error)
                if isinstance(reason, (TimeoutError, socket.timeout)):
                    raise RemoteError(f"{shown(url)} did not answer within {self.timeout:g} s",
                                      "try again, or give more time with --timeout") from None
                if last:
                    raise RemoteError(f"cannot reach the SPARQL server at {shown(url)}: {reason}",
                                      "check that the server is running and the URL (host, port) is right") from None
            time.sleep(0.5 * 2 ** attempt)
        raise AssertionError("unreachable")

    def _http_error(self, code: int, body: bytes, url: str, what: str) -> RemoteError:
        message = body.decode("utf-8", "replace").strip()[:500]
        if code in (401, 403):
            return RemoteError(f"{shown(url)} refused the request ({code} "
                               f"{'unauthorized' if code == 401 else 'forbidden'})",
                               "set UNKG_SPARQL_USER and UNKG_SPARQL_PASSWORD (UNKG_SPARQL_AUTH=digest for "
                               "Virtuoso) or UNKG_SPARQL_TOKEN, for a user allowed to write")
        if code == 404:
            return RemoteError(f"no {what} at {shown(url)} (404 not found)",
                               "give the server's Graph Store URL with --graph-store (Oxigraph: /store, Fuseki: "
                               "/DATASET/data, Virtuoso: /sparql-graph-crud-auth), or --update-endpoint"
                               if what == "Graph Store" else "check the endpoint's URL")
        return RemoteError(f"{shown(url)} refused the request ({code}): {message}",
                           "the server's message says why")

    def put_graph(self, name: str, triples: Iterator[bytes], chunk: int = CHUNK_BYTES) -> int:
        """Replace graph `name` on the server with `triples` (N-Triples lines); how many."""
        url = self.graph_store + ("&" if "?" in self.graph_store else "?") + urllib.parse.urlencode({"graph": name})
        sent, method = 0, "PUT"
        for lines in _chunks(triples, chunk, len):
            self._request(method, url, b"".join(lines), "application/n-triples")
            sent, method = sent + len(lines), "POST"  # the first chunk replaces, the others merge
        if method == "PUT":  # an empty graph still replaces what the server had
            self._request("PUT", url, b"", "application/n-triples")
        return sent

    # -- SPARQL Update and Query through SPARQLWrapper --------------------------------------

    def _wrapper(self, url: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(url, updateEndpoint=url)
        wrapper.setTimeout(max(1, round(self.timeout)))
        c = self.credentials
        if c.token:
            wrapper.addCustomHttpHeader("Authorization", f"Bearer {c.token}")
        elif c.user:
            wrapper.setHTTPAuth("DIGEST" if c.scheme == "digest" else "BASIC")
            wrapper.setCredentials(c.user, c.password or "")
        return wrapper

    def _sparql(self, url: str, text: str, update: bool):
        wrapper = self._wrapper(url)
        wrapper.setMethod(POST)
        wrapper.setQuery(text)
        if not update:
            wrapper.setReturnFormat(JSON)
        what = "SPARQL update endpoint" if update else "SPARQL endpoint"

        def ask():
            try:
                result = wrapper.query()
            except SPARQLWrapperException as error:
                code = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404,
                        "EndPointInternalError": 500, "URITooLong": 414}.get(type(error).__name__, 400)
                response = getattr(error, "response", None)
                body = (response.decode("utf-8", "replace") if isinstance(response, bytes)
                        else str(error).split("Response:", 1)[-1]).strip()
                if code == 400 or code >= 500:
                    rejected = RemoteError(f"{shown(url)} rejected the {'update' if update else 'query'}: "
                                           f"{' '.join(body.split())[:500]}", "the server's message says why")
                    if code >= 500:
                        raise _Transient(rejected) from None
                    raise rejected from None
                raise self._http_error(code, body.encode(), url, what) from None
            return None if update else result.convert()

        return self._retrying(url, what, ask)

    def update_graph(self, name: str, triples: Iterator[bytes], chunk: int = UPDATE_CHUNK_TRIPLES) -> int:
        """Replace graph `name` through SPARQL Update: DROP SILENT, then INSERT DATA in chunks."""
        iri = str(ox.NamedNode(name))
        self._sparql(self.update_endpoint, f"DROP SILENT GRAPH {iri}", update=True)
        sent = 0
        for lines in _chunks(triples, chunk, lambda line: 1):
            body = b"".join(lines).decode("utf-8")
            self._sparql(self.update_endpoint, f"INSERT DATA {{ GRAPH {iri} {{\n{body}}} }}", update=True)
            sent += len(lines)
        return sent

    def query(self, sparql: str) -> QueryResult:
        if not self.endpoint:
            raise RemoteError("no query endpoint", "give one with --endpoint URL")
        answer = self._sparql(self.endpoint, sparql, update=False)
        if "boolean" in answer:
            return QueryResult(("result",), ((str(bool(answer["boolean"])).lower(),),))
        columns = tuple(answer["head"]["vars"])
        return QueryResult(columns, tuple(
            tuple(binding[c]["value"] if c in binding else None for c in columns)
            for binding in answer["results"]["bindings"]))


def _chunks(lines: Iterator[bytes], size: int, measure: Callable[[bytes], int]) -> Iterator[list[bytes]]:
    """Lines in batches whose `measure` (bytes, or lines) adds up to at most `size`."""
    batch, total = [], 0
    for line in lines:
        if batch and total + measure(line) > size:
            yield batch
            batch, total = [], 0
        batch.append(line)
        total += measure(line)
    if batch:
        yield batch


def graph_lines(store: GraphStore, name: str) -> Iterator[bytes]:
    """One stored named graph as N-Triples lines."""
    quads = store.store.quads_for_pattern(None, None, None, ox.NamedNode(name))
    data = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), format=ox.RdfFormat.N_TRIPLES)
    yield from data.splitlines(keepends=True)  # N-Triples escape newlines inside literals


@dataclass(frozen=True)
class Pushed:
    graph: str
    triples: int


def push(store: GraphStore, server: Server, graphs: list[str] | None = None,
         progress: Callable[[Pushed], None] = lambda pushed: None) -> list[Pushed]:
    """Push the store's named graphs (resolutions, reference, ontology, inferred), each
    replacing the server's graph of the same name."""
    if not server.graph_store and not server.update_endpoint:
        raise RemoteError("nowhere to push to", "give --graph-store URL (Graph Store Protocol) or "
                                                "--update-endpoint URL (SPARQL Update)")
    names = graphs if graphs is not None else [g for g in store.graph_names() if not g.startswith(STAGING)]
    pushed = []
    for name in names:
        lines = graph_lines(store, name)
        count = server.put_graph(name, lines) if server.graph_store else server.update_graph(name, lines)
        pushed.append(Pushed(name, count))
        progress(pushed[-1])
    return pushed
