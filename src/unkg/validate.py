"""Validate stage: SHACL (pySHACL) over one resolution's graph with the nodes it points at.

Violations make a graph non-conforming; warnings (a citation whose paragraph opens with a
phrase the lexicon lacks) are reported and do not.

The ontology is passed as pySHACL's ontology graph, so `sh:class unkg:Document` accepts a
`unkg:Resolution` through its rdfs:subClassOf axiom without inference over the data.
"""

from __future__ import annotations

import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache

import pyshacl
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH

from .ontology import ontology_graph
from .resources import data_dir
from .store import GraphStore
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


def validate_stored(store_path: str, names: list[str], reference: Graph, jobs: int = 1):
    """Validate stored resolution graphs one by one, in `jobs` processes; yields (name,
    Validation) in the order of `names`. Each graph is validated with the reference graph
    only, so the time grows with the number of resolutions, not their square."""
    if jobs <= 1:
        store = GraphStore(store_path, read_only=True)
        for name in names:
            yield name, validate_graph(store.graph(name), reference)
        return
    with ProcessPoolExecutor(jobs, initializer=_worker_start, initargs=(store_path, reference)) as pool:
        yield from zip(names, pool.map(_worker_validate, names, chunksize=4))


_worker: dict = {}


def _worker_start(store_path: str, reference: Graph) -> None:
    die_with_parent()
    _worker["store"] = GraphStore(store_path, read_only=True)
    _worker["reference"] = reference
    shapes_graph(), ontology_graph()  # parse once per process


def _worker_validate(name: str) -> "Validation":
    return validate_graph(_worker["store"].graph(name), _worker["reference"])


def _place(focus: str) -> str:
    match = PLACE_IN_IRI.search(focus)
    return f"{match['kind']} {match['number']}" if match else ""


def validate_graph(data: Graph, context: Graph | None = None) -> Validation:
    """Validate `data` (one resolution's graph) with `context` (the reference graph)."""
    combined = Graph()
    for triple in data:
        combined.add(triple)
    for triple in context or ():
        combined.add(triple)
    conforms, report, _ = pyshacl.validate(
        combined, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
        inference="none", abort_on_first=False, allow_warnings=True)  # warnings report, never refuse
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
            line=_line(combined, focus) if isinstance(focus, URIRef) else None,
            paragraph=_place(str(focus))))
    findings.sort(key=lambda f: (f.resolution, f.line or 0, f.focus, f.path))
    return Validation(bool(conforms), tuple(findings), report)
