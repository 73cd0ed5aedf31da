"""The pipeline: read → parse → extract → map → validate → store or file.

Each file goes through on its own: a bad file is reported with its path (and line) and
the others still go through.
"""

from __future__ import annotations

import hashlib

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Literal as TypingLiteral

from rdflib import Dataset, Graph

from .errors import UnkgError
from .extract import extract
from .iris import Iris
from .layout import parse
from .mapping import EXTRACTOR, map_resolution, reference_graph
from .model import Extraction, Warning
from .ontology import ontology_graph
from .read import Source, read_source
from .store import GraphStore
from .validate import Validation, validate_graph

Status = TypingLiteral["loaded", "unchanged", "written", "invalid", "failed"]
FILE_FORMATS = {".ttl": "turtle", ".trig": "trig", ".jsonld": "json-ld", ".nt": "nt", ".nq": "nquads"}
QUAD_FILE_FORMATS = {"trig", "json-ld", "nquads"}


def read_resolution(path: str | Path, language: str | None = None) -> Extraction:
    """Read, parse and extract one resolution text."""
    return extract(parse(read_source(path), language))


@dataclass(frozen=True)
class Built:
    """One resolution text mapped to its named graph and validated."""

    extraction: Extraction
    graph: Graph
    validation: Validation

    @property
    def warnings(self) -> tuple[Warning, ...]:
        return self.extraction.layout.warnings


def build_resolution(path: str | Path | Source, iris: Iris, reference: Graph | None = None) -> Built:
    """Read (unless given the read source), extract, map and validate one resolution text."""
    source = path if isinstance(path, Source) else read_source(path)
    extraction = extract(parse(source))
    graph = map_resolution(extraction, iris)
    return Built(extraction, graph, validate_graph(graph, reference or reference_graph(iris)))


@dataclass(frozen=True)
class Outcome:
    path: str
    status: Status
    symbol: str = ""
    triples: int = 0
    message: str = ""
    warnings: tuple[str, ...] = ()
    validation: Validation | None = field(default=None, compare=False)
    text_digest: str = ""  # of the decoded text: two extractions of one PDF may share it


def shared_graphs(iris: Iris) -> list[Graph]:
    """The graphs every build carries besides the resolutions: reference and ontology."""
    ontology = Graph(identifier=iris.ontology_graph)
    for triple in ontology_graph():
        ontology.add(triple)
    return [reference_graph(iris), ontology]


def build(paths: Iterable[str | Path], *, store: GraphStore | None = None, out: str | None = None,
          iris: Iris | None = None, force: bool = False,
          progress: Callable[[Outcome], None] = lambda outcome: None) -> list[Outcome]:
    """Build resolution texts into a store (default) or an RDF file (`out`)."""
    iris = iris or Iris.from_environment()
    shared = shared_graphs(iris)
    reference = shared[0]
    if out is not None and Path(out).suffix not in FILE_FORMATS:
        raise UnkgError(f"cannot tell the format of {out}",
                        f"end the file name with one of {', '.join(FILE_FORMATS)}")
    outcomes, graphs = [], []
    built_from: dict[str, tuple[str, str]] = {}  # graph -> (path, digest of its text) in this run
    for path in map(str, paths):
        outcome, graph = _build_one(path, iris, reference, store, force)
        if graph is not None:
            claimed = built_from.get(str(graph.identifier))
            language = graph.identifier.rsplit("/", 1)[-1]
            if claimed and claimed[1] == outcome.text_digest:  # another extraction of the same text
                outcome, graph = Outcome(path, "unchanged", outcome.symbol, message=(
                    f"the same text as {claimed[0]}, built in this run")), None
            elif claimed:
                outcome, graph = Outcome(path, "failed", outcome.symbol, message=(
                    f"{path}: {outcome.symbol} ({language}) was already built in this run from "
                    f"{claimed[0]}, whose text differs; build one of them")), None
            else:
                built_from[str(graph.identifier)] = (path, outcome.text_digest)
        if graph is not None:
            if store is not None:
                store.replace_graph(graph)
            else:
                graphs.append(graph)
        outcomes.append(outcome)
        progress(outcome)
    if store is not None:
        for graph in shared:
            store.replace_graph(graph)
    else:
        write_graphs([*graphs, *shared], out)
    return outcomes


def _build_one(path: str, iris: Iris, reference: Graph, store: GraphStore | None,
               force: bool) -> tuple[Outcome, Graph | None]:
    try:
        source = read_source(path)  # once: a PDF's text is extracted here only
        if store is not None and store.holds_source(source.sha256, EXTRACTOR):
            return Outcome(path, "unchanged", message="already in the store"), None
        built = build_resolution(source, iris, reference)
    except UnkgError as error:
        return Outcome(path, "failed", message=str(error)), None
    symbol = built.extraction.symbol
    warnings = tuple(f"{path}:{w.line}: {w.message}"
                     for w in built.warnings)
    if not built.validation.conforms and not force:
        return Outcome(path, "invalid", symbol, len(built.graph),
                       "does not conform to the shapes; not loaded (use --force to load it anyway)",
                       warnings, built.validation), None
    digest = hashlib.sha256(built.extraction.layout.source.text.encode("utf-8")).hexdigest()
    return (Outcome(path, "loaded" if store is not None else "written", symbol, len(built.graph), "",
                    warnings, built.validation, digest), built.graph)


def write_graphs(graphs: list[Graph], out: str) -> None:
    """Write named graphs to one file; triple formats merge them."""
    fmt = FILE_FORMATS[Path(out).suffix]
    if fmt in QUAD_FILE_FORMATS:
        dataset = Dataset()
        for graph in graphs:
            named = dataset.graph(graph.identifier)
            for triple in graph:
                named.add(triple)
        dataset.serialize(out, format=fmt, encoding="utf-8")
    else:
        merged = Graph()
        for graph in graphs:
            for triple in graph:
                merged.add(triple)
        merged.serialize(out, format=fmt, encoding="utf-8")
