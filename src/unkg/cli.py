"""The `unkg` command: a thin layer over the library. Data goes to stdout, messages to stderr."""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from . import __version__
from .errors import UnkgError
from .evaluate import evaluate, totals
from .infer import materialize
from .iris import Iris
from .pipeline import Outcome, build as build_files, build_resolution, expand_folders, shared_graphs
from .query import QueryResult, resolution_parameter, load_data_files, named_queries, resolve_query, run_on_dataset, run_on_store
from .remote import Pushed, Server, push as push_graphs, shown
from .store import DEFAULT_STORE, FORMATS, GraphStore
from .validate import ENGINES, Finding, Validation, validate_graph, validate_stored

# Messages keep "file:line: …" on one line; in logs and pipes, tables get room not to break words.
out = Console(width=None if Console().is_terminal else 160)
err = Console(stderr=True, soft_wrap=True, width=None if Console(stderr=True).is_terminal else 160)
PROGRESS_FROM = 4  # files; fewer build without a progress bar


def fail(error: UnkgError, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {error.message}" + (f"\n  [dim]→ {error.remedy}[/]" if error.remedy else ""),
              highlight=False, soft_wrap=True)
    sys.exit(code)


class Command(click.Command):
    """A command whose library errors end as one line with a remedy and exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UnkgError as error:
            fail(error)


store_option = click.option("--store", "store_path", metavar="DIR", default=None,
                            help=f"Embedded store folder [default: $UNKG_STORE or {DEFAULT_STORE}].")
base_option = click.option("--base", metavar="IRI", default=None,
                           help="Base of the graph's IRIs [default: $UNKG_BASE or https://w3id.org/unkg/].")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="unkg")
def main():
    """unkg: United Nations resolutions as a knowledge graph.

    \b
    Build the graph from resolution texts, then query, validate and export it:
      unkg build examples/A_RES_78_72.zh.txt
      unkg query recalling --param symbol=62/217
      unkg validate
      unkg export --format turtle --out graph.ttl
    """


OPTIMIZE_HINT_TRIPLES = 1_000_000  # a build that loads this many suggests unkg optimize

jobs_option = click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1,
                           show_default="all cores", help="Processes to run in parallel.")


@main.command(cls=Command)
@click.argument("files", nargs=-1, required=True, type=click.Path())
@store_option
@click.option("--out", metavar="FILE", help="Write the graph to FILE (.ttl .trig .jsonld .nt .nq) instead of the store.")
@click.option("--force", is_flag=True, help="Load resolutions that do not conform to the shapes.")
@click.option("--no-validate", "skip_validation", is_flag=True,
              help="Load without validating (validate later with unkg validate).")
@jobs_option
@click.option("--infer", "then_infer", is_flag=True, help="Then materialise the inferences (see unkg infer).")
@click.option("--verbose", "-v", is_flag=True, help="List every file built, not only those with problems.")
@base_option
def build(files, store_path, out, force, skip_validation, jobs, then_infer, verbose, base):
    """Read resolution texts, validate them and load them into the store.

    \b
    FILES are texts (.txt .md) and PDFs, or folders of them (read recursively).
    Files are read, mapped and validated in --jobs processes. A file already in the
    store with the same content is skipped; a changed one replaces its resolution's
    graph whole (unkg remove drops one). A file that cannot be read or does not
    conform is reported and the others still go through; the exit code is 1 then.
    \b
    Examples:
      unkg build examples/A_RES_78_72.zh.txt
      unkg build corpus/ --store /data/unkg --jobs 2
      unkg build A_RES_78_72.zh.txt --out 78-72.ttl
    """
    iris = Iris.from_environment(base)
    files = expand_folders(files)
    store = None if out else GraphStore(store_path)
    started = time.perf_counter()
    options = dict(store=store, out=out, iris=iris, force=force, validate=not skip_validation, jobs=jobs)
    if len(files) >= PROGRESS_FROM:
        with Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[rate]}"), TimeRemainingColumn(), console=err) as bar:
            task = bar.add_task("build", total=len(files), rate="")

            def advance(outcome: Outcome) -> None:
                elapsed = bar.tasks[0].elapsed or 1e-9
                bar.update(task, advance=1, rate=f"{(bar.tasks[0].completed + 1) / elapsed:.1f} files/s")

            outcomes = build_files(files, progress=advance, **options)
    else:
        outcomes = build_files(files, **options)
    if store is not None:
        if then_infer:
            _infer(store, iris)
        store.close()
    _report_build(outcomes, out or (store.path if store else ""), verbose or len(files) < PROGRESS_FROM,
                  time.perf_counter() - started)
    if store is not None and sum(o.triples for o in outcomes if o.status == "loaded") >= OPTIMIZE_HINT_TRIPLES:
        err.print(f"hint: compact the store before querying it: unkg optimize --store {store.path}",
                  highlight=False)
    sys.exit(1 if any(o.status in ("failed", "invalid") for o in outcomes) else 0)


def _report_build(outcomes: list[Outcome], target: str, every_file: bool, seconds: float) -> None:
    for outcome in outcomes:
        for warning in outcome.warnings:
            err.print(f"[yellow]warning:[/] {warning}", highlight=False)
        if outcome.status == "failed":
            err.print(f"[bold red]error:[/] {outcome.message}", highlight=False, soft_wrap=True)
        elif outcome.status == "invalid":
            err.print(f"[bold red]invalid:[/] {outcome.path} ({outcome.symbol}) {outcome.message}", highlight=False)
            _print_findings(outcome.findings)
        elif not every_file:
            continue
        elif outcome.status == "unchanged":
            err.print(f"unchanged: {outcome.path} ({outcome.message})", highlight=False)
        else:
            err.print(f"{outcome.status}: {outcome.path} → {outcome.symbol}, {outcome.triples} triples",
                      highlight=False)
    counts = {s: sum(o.status == s for o in outcomes)
              for s in ("loaded", "written", "unchanged", "invalid", "failed")}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    built = [o for o in outcomes if o.status in ("loaded", "written")]
    resolutions = len({o.symbol for o in built})
    warnings = sum(len(o.warnings) for o in outcomes)
    err.print(f"{len(outcomes)} files: {summary}; {resolutions} resolutions, "
              f"{sum(o.triples for o in built)} triples, {warnings} warnings, "
              f"{counts['failed'] + counts['invalid']} errors in {seconds:.1f} s [dim]({target})[/]",
              highlight=False)


@main.command(cls=Command)
@store_option
def optimize(store_path):
    """Compact the store on disk, for faster queries after a large build.

    \b
    A build loads its graphs in bulk, as many files on disk; compacting them made
    the benchmark queries 1.7 to 3.7 times faster at 30,000 resolutions (cites
    1.9 s -> 0.97 s, after 62 s of compaction). unkg build suggests it after
    loading a million triples or more.
    \b
    Examples:
      unkg optimize
      unkg optimize --store /data/unkg
    """
    store = GraphStore(store_path)
    started = time.perf_counter()
    with err.status("compacting the store"):
        store.optimize()
    store.close()
    err.print(f"compacted {store.path} in {time.perf_counter() - started:.1f} s", highlight=False)


@main.command(cls=Command)
@click.argument("symbols", nargs=-1, required=True)
@click.option("--language", metavar="LANG", help="Drop only this language version (ar zh en fr ru es).")
@store_option
def remove(symbols, language, store_path):
    """Drop resolutions (all their language versions, or one) from the store.

    \b
    Each resolution's named graphs go in one transaction. Run unkg infer after
    to drop their inferred graphs.
    \b
    Examples:
      unkg remove 78/72
      unkg remove A/RES/78/72 --language en
    """
    store = GraphStore(store_path)
    missing = []
    for symbol in symbols:
        dropped = store.remove_resolution(resolution_parameter(symbol), language)
        if dropped:
            err.print(f"removed {resolution_parameter(symbol)}: {', '.join(dropped)}", highlight=False)
        else:
            missing.append(symbol)
    store.close()
    for symbol in missing:
        err.print(f"[bold red]error:[/] no {resolution_parameter(symbol)}"
                  f"{' (' + language + ')' if language else ''} in the store at {store.path}", highlight=False)
    sys.exit(1 if missing else 0)


@main.command(cls=Command)
@store_option
@base_option
def infer(store_path, base):
    """Materialise what the ontology entails, beside each resolution's graph.

    \b
    Sub-class and sub-property hierarchies (recalls ⊑ cites ⊑ eli:cites, cito:cites),
    inverses (recalledBy, citedBy), transitive properties (subOrganizationOf: the
    body hierarchy), domains and ranges: the ontology's axioms run as SPARQL rules on
    each graph in turn, to a fixpoint, equal to owlrl's OWL 2 RL closure on the
    ontology's vocabulary (tested) and far faster. What a resolution's graph
    entails goes into graph/inferred/… beside it (graph/inferred/A/RES/78/72/zh),
    what the reference graph entails into graph/inferred; each is rebuilt whole and
    replaces the old one at once.
    \b
    Examples:
      unkg infer
      unkg query --sparql 'PREFIX unkg: <https://w3id.org/unkg/ontology#>
        SELECT ?r WHERE { <https://w3id.org/unkg/doc/A/RES/62/217> unkg:recalledBy ?r }'
    """
    iris = Iris.from_environment(base)
    store = GraphStore(store_path)
    _infer(store, iris)
    store.close()


def _infer(store: GraphStore, iris: Iris) -> None:
    """Materialise the inferences, with a progress bar over the graphs when there are many."""
    with Progress(TextColumn("inferring"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task("infer", total=None, visible=False)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, visible=total >= PROGRESS_FROM)

        result = materialize(store, str(iris.ontology_graph), str(iris.inferred_graph),
                             str(iris.reference_graph), progress=advance)
    err.print(f"inferred {result.triples} triples in {result.rounds} rounds, {result.seconds:.2f} s "
              f"({iris.inferred_graph} and the graphs under it)", highlight=False)


@main.command(cls=Command)
@click.argument("query", required=False)
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--sparql", metavar="QUERY", help="Run this SPARQL text instead of a named query.")
@store_option
@click.option("--data", "data_files", multiple=True, metavar="FILE",
              help="Query these RDF files (rdflib) instead of the store (repeatable).")
@click.option("--endpoint", metavar="URL", help="Query this SPARQL 1.1 endpoint instead of the store.")
@click.option("--timeout", type=float, default=60, show_default=True, help="Seconds to wait for --endpoint.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query(query, params, sparql, store_path, data_files, endpoint, timeout, fmt):
    """Run a named query (see `unkg queries`), a .rq file, or --sparql text.

    \b
    Parameters are bound as RDF terms, never pasted into the query. A resolution
    symbol may be given short (62/217) or in full (A/RES/62/217).
    \b
    Examples:
      unkg query recalling --param symbol=62/217
      unkg query paragraphs --param symbol=78/72 --format csv
      unkg query my-query.rq --data graph.ttl
      unkg query --sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
      unkg query recalling --param symbol=62/217 --endpoint http://127.0.0.1:7878/query
    \b
    With --endpoint, credentials come from UNKG_SPARQL_USER and UNKG_SPARQL_PASSWORD
    (UNKG_SPARQL_AUTH=digest for digest authentication) or UNKG_SPARQL_TOKEN.
    """
    if bool(query) == bool(sparql):
        raise UnkgError("give a query name or .rq file, or --sparql, but not both",
                        "see: unkg queries")
    values = {}
    for param in params:
        key, sep, value = param.partition("=")
        if not sep:
            raise UnkgError(f"--param {param!r} is not KEY=VALUE", "e.g. --param symbol=62/217")
        values[key.strip()] = value.strip()
    if sparql:
        text = sparql
        if values:
            raise UnkgError("--param goes with named queries", "write the value in the --sparql text")
    else:
        text = resolve_query(query).bind(values)
    if endpoint:
        result = Server(endpoint, timeout=timeout).query(text)
    elif data_files:
        result = run_on_dataset(load_data_files(list(data_files)), text)
    else:
        result = run_on_store(GraphStore(store_path, read_only=True), text)
    _print_result(result, fmt)


@main.command(cls=Command)
@click.option("--endpoint", metavar="URL", help="The server's SPARQL query endpoint, to check what arrived.")
@click.option("--graph-store", metavar="URL", help="The server's Graph Store Protocol URL (PUT per named graph).")
@click.option("--update-endpoint", metavar="URL", help="Or its SPARQL Update endpoint, for servers without one.")
@click.option("--timeout", type=float, default=60, show_default=True, help="Seconds to wait for each request.")
@store_option
def push(endpoint, graph_store, update_endpoint, timeout, store_path):
    """Upload the store's named graphs to a SPARQL 1.1 server.

    \b
    Each named graph (every language version, the reference, the ontology and the
    inferred graphs) replaces the server's graph of the same name, so pushing again
    never duplicates. Large graphs go in chunks; transient errors are retried.
    Credentials come from UNKG_SPARQL_USER and UNKG_SPARQL_PASSWORD (basic, or
    digest with UNKG_SPARQL_AUTH=digest) or UNKG_SPARQL_TOKEN (bearer), never
    from the command line.
    \b
    Examples:
      unkg push --endpoint http://127.0.0.1:7878/query --graph-store http://127.0.0.1:7878/store
      UNKG_SPARQL_USER=dba UNKG_SPARQL_PASSWORD=… UNKG_SPARQL_AUTH=digest \\
        unkg push --graph-store http://127.0.0.1:8890/sparql-graph-crud-auth
      unkg push --update-endpoint http://127.0.0.1:3030/unkg/update
    """
    server = Server(endpoint, graph_store, update_endpoint, timeout)
    store = GraphStore(store_path, read_only=True)
    names = store.graph_names()
    started = time.perf_counter()
    with Progress(TextColumn("pushing"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                  TimeRemainingColumn(), console=err, disable=len(names) < PROGRESS_FROM) as bar:
        task = bar.add_task("push", total=len(names), rate="")
        triples = 0

        def advance(pushed: Pushed) -> None:
            nonlocal triples
            triples += pushed.triples
            bar.update(task, advance=1, rate=f"{triples / (bar.tasks[0].elapsed or 1e-9):,.0f} triples/s")

        pushed = push_graphs(store, server, names, progress=advance)
    seconds = time.perf_counter() - started
    target = shown(graph_store or update_endpoint)
    err.print(f"pushed {len(pushed)} graphs, {triples} triples in {seconds:.1f} s to {target}", highlight=False)
    if endpoint:
        count = server.query("SELECT (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } }")
        err.print(f"{shown(endpoint)} now holds {count.rows[0][0]} triples in named graphs", highlight=False)


def _print_result(result: QueryResult, fmt: str) -> None:
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([["" if v is None else v for v in row] for row in result.rows])
    elif fmt == "json":
        json.dump([dict(zip(result.columns, row)) for row in result.rows], sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        table = Table(*result.columns, show_lines=False)
        for row in result.rows:
            table.add_row(*("" if v is None else v for v in row))
        out.print(table)
        err.print(f"{len(result.rows)} rows", highlight=False)


@main.command(cls=Command)
def queries():
    """List the named queries with their parameters and an example.

    \b
    Example:
      unkg queries
    """
    for name, named in named_queries().items():
        out.print(f"[bold]{name}[/]: {named.title}", highlight=False)
        out.print(f"  {named.description}", highlight=False)
        for parameter in named.parameters:
            out.print(f"  --param {parameter.name}=…  {parameter.description}", highlight=False)
        if named.example:
            out.print(f"  e.g. {named.example}", highlight=False)


@main.command(cls=Command)
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "turtle"]), default="table", show_default=True,
              help="A table for people, or the SHACL report graph for machines.")
@click.option("--engine", type=click.Choice(ENGINES), default="sparql", show_default=True,
              help="The shapes compiled to SPARQL (fast), or pySHACL (the reference implementation).")
@jobs_option
@base_option
def validate(files, store_path, fmt, engine, jobs, base):
    """Validate the graph against the SHACL shapes in shapes/.

    \b
    Validates each resolution's graph (with the reference graph) in the store, or
    the resolution texts or RDF files given. Exit codes: 0 conforms, 1 does not
    conform, 2 error (bad input, no store).
    \b
    Examples:
      unkg validate
      unkg validate --store /data/unkg --format turtle > report.ttl
      unkg validate --jobs 1
      unkg validate examples/A_RES_78_72.zh.txt
      unkg validate --engine pyshacl examples/A_RES_78_72.zh.txt
    """
    iris = Iris.from_environment(base)
    reference = shared_graphs(iris)[0]
    validations: list[tuple[str, Validation]] = []
    if files:
        for path in files:
            if Path(path).suffix in (".ttl", ".trig", ".nt", ".nq", ".jsonld"):
                dataset = load_data_files([path])
                for graph in dataset.graphs():
                    if len(graph):
                        validations.append((f"{path} <{graph.identifier}>", validate_graph(graph, reference, engine)))
            else:
                validations.append((path, build_resolution(path, iris, reference, engine).validation))
    else:
        store = GraphStore(store_path, read_only=True)
        shared = (str(iris.reference_graph), str(iris.ontology_graph), str(iris.inferred_graph))
        names = [n for n in store.graph_names()
                 if n not in shared and not n.startswith(f"{iris.inferred_graph}/")]
        if not names:
            raise UnkgError(f"the store at {store.path} holds no resolution", "build one: unkg build FILE...")
        validations.extend(validate_stored(store.path, names, reference, jobs, engine))
    conforms = all(v.conforms for _, v in validations)
    if fmt == "turtle":
        for _, validation in validations:
            sys.stdout.write(validation.report.serialize(format="turtle"))
    else:
        for name, validation in validations:
            status = "[green]conforms[/]" if validation.conforms else "[bold red]does not conform[/]"
            err.print(f"{name}: {status}", highlight=False)
            _print_findings(validation.findings)
    sys.exit(0 if conforms else 1)


def _print_findings(findings: tuple[Finding, ...]) -> None:
    if not findings:
        return
    table = Table("severity", "resolution", "paragraph", "where", "property", "problem", "value")
    for f in findings:
        where = f"{f.source}:{f.line}" if f.line else f.source
        table.add_row(f.severity, f.resolution, f.paragraph, where, f.path, f.message, f.value[:40])
    err.print(table)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


@main.command("eval", cls=Command)
@click.option("--gold", "gold_dir", default="tests/gold", show_default=True, metavar="DIR",
              help="Folder of gold annotations (*.gold.json).")
@click.option("--corpus", "corpus_dir", default=None, metavar="DIR",
              help="Folder holding the documents the gold files name [default: $UNKG_CORPUS or ../shared/corpus].")
@click.option("--details", is_flag=True, help="List, per document, what was missed and what was wrong.")
def evaluate_command(gold_dir, corpus_dir, details):
    """Measure extraction against gold annotations: precision and recall per kind.

    \b
    Each gold file was written by reading one real document. Kinds: paragraph
    segmentation, leading phrase, cited resolutions, cited documents, treaties,
    bodies, sessions, dates. For PDFs, it also counts how many of the symbols
    the PDF itself links to undocs.org the extraction finds.
    \b
    Examples:
      unkg eval
      unkg eval --details --corpus ../shared/corpus
    """
    corpus = Path(corpus_dir or os.environ.get("UNKG_CORPUS") or "../shared/corpus")
    results = evaluate(Path(gold_dir), corpus)
    table = Table("kind", "gold", "found", "correct", "precision", "recall",
                  title=f"Extraction against {len(results)} gold documents")
    for total in totals(results):
        table.add_row(total.kind, str(total.true_positives + total.false_negatives),
                      str(total.true_positives + total.false_positives), str(total.true_positives),
                      _percent(total.precision), _percent(total.recall))
    out.print(table)
    linked = [r for r in results if r.linked]
    if linked:
        links = Table("PDF", "linked symbols", "found", title="Symbols the PDFs link to undocs.org")
        for result in linked:
            links.add_row(result.source, str(result.linked), str(result.linked_found))
        out.print(links)
    if details:
        for result in results:
            for kind in ("missed", "wrong"):
                for fact_kind, items in getattr(result, kind).items():
                    for item in items:
                        out.print(f"{result.source}: {kind} {fact_kind}: {item}", highlight=False)


@main.command(cls=Command)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="turtle", show_default=True)
@click.option("--out", metavar="FILE", help="Write to FILE instead of stdout.")
@store_option
def export(fmt, out, store_path):
    """Export the store as Turtle, JSON-LD, N-Triples, TriG or N-Quads.

    \b
    TriG, N-Quads and JSON-LD keep each resolution's named graph; Turtle and
    N-Triples merge the graphs. Output is sorted, so exports diff cleanly.
    \b
    Examples:
      unkg export --format trig --out unkg.trig
      unkg export --format jsonld > unkg.jsonld
    """
    store = GraphStore(store_path, read_only=True)
    if out:
        with open(out, "wb") as target:
            store.export(target, fmt)
        err.print(f"wrote {out}", highlight=False)
    else:
        store.export(sys.stdout.buffer, fmt)
