"""The pipeline: read → parse → extract → map → validate → store or file.

Each file goes through on its own: a bad file is reported with its path (and line) and
the others still go through.
"""

from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal as TypingLiteral

from rdflib import Graph

from .errors import UnkgError
from .extract import extract
from .iris import Iris
from .layout import parse
from .mapping import EXTRACTOR, map_resolution, reference_graph
from .model import Extraction, Warning
from .ontology import ontology_graph
from .read import MAX_BYTES, Source, read_source
from .store import GraphStore, Loader, to_nquads
from .validate import Finding, Validation, validate_graph
from .workers import die_with_parent

Status = TypingLiteral["loaded", "unchanged", "written", "invalid", "failed"]
FILE_FORMATS = {".ttl": "turtle", ".trig": "trig", ".jsonld": "jsonld", ".nt": "nt", ".nq": "nq"}


INPUT_SUFFIXES = (".txt", ".md", ".pdf")


def expand_folders(paths: Iterable[str]) -> list[str]:
    """Paths with each folder replaced by the resolution files under it, sorted."""
    expanded = []
    for path in paths:
        if os.path.isdir(path):
            expanded += sorted(str(p) for p in Path(path).rglob("*")
                               if p.suffix.lower() in INPUT_SUFFIXES and p.is_file())
        else:
            expanded.append(path)
    return expanded


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


def build_resolution(path: str | Path | Source, iris: Iris, reference: Graph | None = None,
                     engine: str = "sparql") -> Built:
    """Read (unless given the read source), extract, map and validate one resolution text."""
    source = path if isinstance(path, Source) else read_source(path)
    extraction = extract(parse(source))
    graph = map_resolution(extraction, iris)
    return Built(extraction, graph, validate_graph(graph, reference or reference_graph(iris), engine))


@dataclass(frozen=True)
class Outcome:
    path: str
    status: Status
    symbol: str = ""
    triples: int = 0
    message: str = ""
    warnings: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()  # SHACL results, violations and warnings
    text_digest: str = ""  # of the decoded text: two extractions of one PDF may share it
    graph: str = ""  # the named graph built


def shared_graphs(iris: Iris) -> list[Graph]:
    """The graphs every build carries besides the resolutions: reference and ontology."""
    ontology = Graph(identifier=iris.ontology_graph)
    for triple in ontology_graph():
        ontology.add(triple)
    return [reference_graph(iris), ontology]


def build(paths: Iterable[str | Path], *, store: GraphStore | None = None, out: str | None = None,
          iris: Iris | None = None, force: bool = False, validate: bool = True, jobs: int = 1,
          progress: Callable[[Outcome], None] = lambda outcome: None) -> list[Outcome]:
    """Build resolution texts into a store (default) or an RDF file (`out`).

    Reading, parsing, mapping and validation run in `jobs` processes; this process only
    loads, in batches of whole resolutions (one transaction each). A file whose bytes the
    store already holds is skipped without being read again.
    """
    iris = iris or Iris.from_environment()
    if out is not None and Path(out).suffix not in FILE_FORMATS:
        raise UnkgError(f"cannot tell the format of {out}",
                        f"end the file name with one of {', '.join(FILE_FORMATS)}")
    target = store if store is not None else GraphStore.in_memory()
    stored = target.source_hashes(EXTRACTOR)
    outcomes = []
    built_from: dict[str, tuple[str, str]] = {}  # graph -> (path, digest of its text) in this run
    with Loader(target) as loader:
        for outcome, quads in _build_all(list(map(str, paths)), iris, stored, force, validate, jobs):
            if quads is not None:
                claimed = built_from.get(outcome.graph)
                language = outcome.graph.rsplit("/", 1)[-1]
                if claimed and claimed[1] == outcome.text_digest:  # another extraction of the text
                    outcome, quads = Outcome(outcome.path, "unchanged", outcome.symbol, message=(
                        f"the same text as {claimed[0]}, built in this run")), None
                elif claimed:
                    outcome, quads = Outcome(outcome.path, "failed", outcome.symbol, message=(
                        f"{outcome.path}: {outcome.symbol} ({language}) was already built in this "
                        f"run from {claimed[0]}, whose text differs; build one of them")), None
                else:
                    built_from[outcome.graph] = (outcome.path, outcome.text_digest)
            if quads is not None:
                loader.add(outcome.graph, quads)
                if out is not None:
                    outcome = dataclasses.replace(outcome, status="written")
            outcomes.append(outcome)
            progress(outcome)
    for graph in shared_graphs(iris):
        target.replace_graph(graph)
    if out is not None:
        with open(out, "wb") as output:
            target.export(output, FILE_FORMATS[Path(out).suffix])
    return outcomes


def _build_all(paths: list[str], iris: Iris, stored: set[str], force: bool, validate: bool,
               jobs: int) -> Iterator[tuple[Outcome, bytes | None]]:
    """(outcome, N-Quads of its graph) per file, in the order of `paths`."""
    to_build = []
    for path in paths:
        if _file_sha256(path) in stored:
            yield Outcome(path, "unchanged", message="already in the store"), None
        else:
            to_build.append(path)
    if jobs <= 1 or len(to_build) < 2:
        _start_worker(iris.base, force, validate)
        yield from map(_build_in_worker, to_build)
        return
    with ProcessPoolExecutor(jobs, initializer=_start_worker,
                             initargs=(iris.base, force, validate)) as pool:
        yield from pool.map(_build_in_worker, to_build, chunksize=4)


def _file_sha256(path: str) -> str | None:
    """The hash the store keeps of a file's bytes; None when the reader should judge it."""
    try:
        if os.stat(path).st_size > MAX_BYTES:
            return None
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


_worker: dict = {}


def _start_worker(base: str, force: bool, validate: bool) -> None:
    if multiprocessing.parent_process() is not None:
        die_with_parent()
    iris = Iris(base)
    _worker.update(iris=iris, reference=reference_graph(iris), force=force, validate=validate)


def _build_in_worker(path: str) -> tuple[Outcome, bytes | None]:
    """Build one file in a worker: its outcome, and its graph as N-Quads if it is to be loaded."""
    force, validate = _worker["force"], _worker["validate"]
    try:
        source = read_source(path)
        extraction = extract(parse(source))
        graph = map_resolution(extraction, _worker["iris"])
    except UnkgError as error:
        return Outcome(path, "failed", message=str(error)), None
    symbol = extraction.symbol
    warnings = tuple(f"{path}:{w.line}: {w.message}" for w in extraction.layout.warnings)
    nquads = to_nquads(graph)
    validation = validate_graph(graph, _worker["reference"], nquads=nquads) if validate else None
    findings = validation.findings if validation else ()
    if validation is not None and not validation.conforms and not force:
        return Outcome(path, "invalid", symbol, len(graph),
                       "does not conform to the shapes; not loaded (use --force to load it anyway)",
                       warnings, findings, graph=str(graph.identifier)), None
    digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
    return (Outcome(path, "loaded", symbol, len(graph), "", warnings, findings, digest,
                    str(graph.identifier)), nquads)
