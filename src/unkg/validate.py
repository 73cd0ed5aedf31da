"""Validate stage: SHACL over one resolution's graph with the nodes it points at.

Violations make a graph non-conforming; warnings (a citation whose paragraph opens with a
phrase the lexicon lacks) are reported and do not.

Two engines give the same results: the shapes compiled to SPARQL and run in an in-memory
Oxigraph store (`unkg.shacl`, the default), and pySHACL, the reference implementation. Both
see the ontology beside the data, so `sh:class unkg:Document` accepts a `unkg:Resolution`
through its rdfs:subClassOf axiom without inference over the data.
"""

from __future__ import annotations

import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
import pyshacl
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH

from . import shacl
from .ontology import ontology_graph
from .resources import data_dir
from .store import GraphStore, to_oxigraph
from .vocab import UNKG
from .workers import die_with_parent


@cache
def shapes_graph() -> Graph:
    """All shapes in shapes/, parsed once."""
    graph = Graph()
    for path in sorted(data_dir("shapes").iterdir(), key=lambda p: p.name):
        if path.name.endswith(".ttl"):
            graph.parse(data=path.read_text(encoding="utf-8"), format="turtle")
    return graph


# The paragraph, footnote or citation an IRI names: …/zh/op/16, …/zh/pp/1/cit/3, …/zh/fn/12.
PLACE_IN_IRI = re.compile(r"/(?P<kind>pp|op|fn)/(?P<number>\d+)(?:/cit/\d+)?$")


@dataclass(frozen=True)
class Finding:
    """One SHACL result, placed in the text where possible."""

    severity: str
    focus: str
    path: str
    message: str
    value: str
    resolution: str
    source: str
    line: int | None
    paragraph: str = ""  # "op 16", "fn 12", or "" for the resolution itself


@dataclass(frozen=True)
class Validation:
    conforms: bool
    findings: tuple[Finding, ...]
    report: Graph


def _local(term) -> str:
    text = str(term)
    return text.rsplit("#", 1)[-1] if "#" in text else text


def _path(report: Graph, path) -> str:
    """A result path for people: source, ^source for an inverse path, cites|recalls for
    alternatives."""
    if path is None:
        return ""
    inverse = report.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _local(inverse)
    alternatives = report.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(_local(term) for term in report.items(alternatives))
    return _local(path)


def _line(data: Graph, focus: URIRef) -> int | None:
    """The source line of the focus node, or of the paragraph it belongs to."""
    for node in (focus, data.value(focus, UNKG.citingParagraph)):
        if node is not None:
            line = data.value(node, UNKG.line)
            if isinstance(line, Literal):
                return int(line)
    return None


def validate_stored(store_path: str, names: list[str], reference: Graph, jobs: int = 1, engine: str = "sparql"):
    """Validate stored resolution graphs one by one, in `jobs` processes; yields (name,
    Validation) in the order of `names`. Each graph is validated with the reference graph
    only, so the time grows with the number of resolutions, not their square."""
    if jobs <= 1:
        store = GraphStore(store_path, read_only=True)
        for name in names:
            yield name, validate_graph(store.graph(name), reference, engine)
        return
    with ProcessPoolExecutor(jobs, initializer=_worker_start, initargs=(store_path, reference, engine)) as pool:
        yield from zip(names, pool.map(_worker_validate, names, chunksize=4))


_worker: dict = {}


def _worker_start(store_path: str, reference: Graph, engine: str) -> None:
    die_with_parent()
    _worker.update(store=GraphStore(store_path, read_only=True), reference=reference, engine=engine)
    shapes_graph(), ontology_graph()  # parse once per process


def _worker_validate(name: str) -> "Validation":
    return validate_graph(_worker["store"].graph(name), _worker["reference"], _worker["engine"])


def _place(focus: str) -> str:
    match = PLACE_IN_IRI.search(focus)
    return f"{match['kind']} {match['number']}" if match else ""


ENGINES = ("sparql", "pyshacl")


# The graph that holds what is validated, when the data graph has no IRI of its own.
VALIDATED = ox.NamedNode("urn:unkg:validated")

_context: dict[int, tuple[Graph | None, bytes]] = {}


def _context_ntriples(context: Graph | None) -> bytes:
    """The context graph with the ontology, as N-Triples; serialised once per Graph object
    (a context is not changed after it is first used)."""
    cached = _context.get(id(context))
    if cached is None or cached[0] is not context:
        triples = (ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))
                   for graph in (context or Graph(), ontology_graph()) for s, p, o in graph)
        _context.clear()
        cached = _context[id(context)] = (context, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    return cached[1]


def _compiled_store(data: Graph, context: Graph | None, nquads: bytes | None) -> tuple[ox.Store, ox.NamedNode]:
    """An in-memory store whose graph `name` holds the data, the context and the ontology."""
    store = ox.Store()
    if nquads is not None:
        name = ox.NamedNode(str(data.identifier))
        store.load(nquads, format=ox.RdfFormat.N_QUADS)
    else:
        name = VALIDATED
        store.extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name) for s, p, o in data)
    store.load(_context_ntriples(context), format=ox.RdfFormat.N_TRIPLES, to_graph=name)
    return store, name


def validate_graph(data: Graph, context: Graph | None = None, engine: str = "sparql",
                   nquads: bytes | None = None) -> Validation:
    """Validate `data` (one resolution's graph) with `context` (the reference graph): by the
    shapes compiled to SPARQL, or by pySHACL, the reference implementation. `nquads`, the data
    graph as N-Quads (`store.to_nquads`), spares the compiled engine converting it again."""
    if engine == "sparql":
        store, name = _compiled_store(data, context, nquads)
        results = shacl.run(store, shacl.compiled(shapes_graph()), name)
        conforms, report = shacl.report_graph(shapes_graph(), results)
    elif engine == "pyshacl":
        combined = Graph()
        for triple in data:
            combined.add(triple)
        for triple in context or ():
            combined.add(triple)
        conforms, report, _ = pyshacl.validate(
            combined, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
            inference="none", abort_on_first=False, allow_warnings=True)  # warnings report, never refuse
    else:
        raise ValueError(f"unknown validation engine {engine!r}: one of {', '.join(ENGINES)}")
    work = next(data.subjects(UNKG.hasVersion, None), None)
    resolution = str(data.value(work, UNKG.symbol) or "") if work is not None else ""
    source = next((str(p) for p in data.objects(None, UNKG.path)), "")
    findings = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        findings.append(Finding(
            severity=_local(report.value(result, SH.resultSeverity)),
            focus=str(focus),
            path=_path(report, report.value(result, SH.resultPath)),
            message=str(report.value(result, SH.resultMessage) or ""),
            value=str(report.value(result, SH.value) or ""),
            resolution=resolution, source=source,
            line=_line(data, focus) if isinstance(focus, URIRef) else None,
            paragraph=_place(str(focus))))
    findings.sort(key=lambda f: (f.resolution, f.line or 0, f.focus, f.path))
    return Validation(bool(conforms), tuple(findings), report)
