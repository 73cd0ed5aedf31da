"""The store: atomic replacement of a resolution's graph, even when a build is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
from rdflib import Graph, URIRef

from unkg.iris import Iris
from unkg.store import STAGING, GraphStore

from conftest import EXAMPLE

TEXT = EXAMPLE.read_text(encoding="utf-8")


def resolution_files(folder, count):
    """Copies of the example as resolutions 78/100 … (distinct symbols, distinct graphs)."""
    paths = []
    for number in range(100, 100 + count):
        path = folder / f"A_RES_78_{number}.zh.txt"
        path.write_text(TEXT.replace("78/72.", f"78/{number}.", 1), encoding="utf-8")
        paths.append(path)
    return paths


def running(pid: str) -> bool:
    """Whether a process runs (a zombie, ended but not yet reaped, does not)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_killed_build_leaves_whole_resolutions_only(tmp_path):
    files = resolution_files(tmp_path, 150)  # enough for several batches after the start-up
    unkg = os.path.join(os.path.dirname(sys.executable), "unkg")
    command = [unkg, "build", *map(str, files), "--no-validate", "--jobs", "2", "--store"]
    started = time.monotonic()
    subprocess.run([*command, str(tmp_path / "whole")], capture_output=True, check=True)
    whole = time.monotonic() - started  # measured here, so the kill lands mid-build anywhere
    process = subprocess.Popen([*command, str(tmp_path / "killed")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(whole * 0.7)
    workers = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
    process.send_signal(signal.SIGKILL)
    process.wait()
    time.sleep(1)
    alive = [pid for pid in workers if running(pid)]
    assert workers and not alive, "the build's workers outlived it"
    reader = GraphStore(tmp_path / "killed")  # opening for writing removes what a build left
    names = [n for n in reader.graph_names() if "/graph/A/RES/" in n]
    assert 0 < len(names) < 150, "the kill did not land mid-build; the test proves nothing"
    complete = len(reader.graph(names[0]))
    assert all(len(reader.graph(name)) == complete for name in names)  # whole, never half
    assert not any(g.value.startswith(STAGING) for g in reader.store.named_graphs())


def test_a_staging_graph_is_invisible_and_removed(tmp_path):
    store = GraphStore(tmp_path / "s")
    staging = ox.NamedNode(STAGING)
    store.store.add(ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:p"), ox.Literal("half"), staging))
    assert list(store.query("SELECT ?o WHERE { ?s ?p ?o }")) == []
    assert list(store.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }")) == []
    store.close()
    assert not list(GraphStore(tmp_path / "s").store.named_graphs())


def test_replacing_a_graph_replaces_it_whole(tmp_path):
    store = GraphStore(tmp_path / "s")
    name = Iris().graph("A/RES/1/1", "en")
    for value in ("first", "second"):
        graph = Graph(identifier=name)
        graph.add((URIRef("urn:x"), URIRef("urn:p"), URIRef(f"urn:{value}")))
        store.replace_graph(graph)
    assert [str(t[2]) for t in store.graph(str(name))] == ["urn:second"]


def test_a_build_reads_each_file_once(tmp_path, monkeypatch):
    """The store's hash check and the build share one read: a PDF's text is extracted once."""
    import unkg.pipeline
    calls = []
    real = unkg.pipeline.read_source
    monkeypatch.setattr(unkg.pipeline, "read_source", lambda path: calls.append(path) or real(path))
    unkg.pipeline.build([EXAMPLE], store=GraphStore(tmp_path / "s"), iris=Iris())
    assert calls == [str(EXAMPLE)]


def test_a_read_only_store_opens_reads_and_closes(tmp_path):
    writer = GraphStore(tmp_path / "s")
    graph = Graph(identifier=Iris().graph("A/RES/1/1", "en"))
    graph.add((URIRef("urn:x"), URIRef("urn:p"), URIRef("urn:o")))
    writer.replace_graph(graph)
    writer.close()
    reader = GraphStore(tmp_path / "s", read_only=True)
    assert len(reader.graph(str(graph.identifier))) == 1
    reader.close()
