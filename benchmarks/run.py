"""unkg at scale: builds, queries, export and inference on synthetic corpora of growing size,
each against a baseline measured in the same run.

    .venv/bin/python benchmarks/run.py [--sizes 1000 10000 30000] [--repeat 3]

For each size N, benchmarks/synth.py writes N resolutions (seed 1), then:
- build: `unkg build DIR --jobs 2` in a fresh store, without and with validation
  (resolutions/s, peak memory of the largest process, store size on disk);
- queries on the embedded store: recalling, cites, paragraphs (named queries), the most
  cited resolutions (GROUP BY) and a transitive recall chain, p50 and p95 over --samples
  runs; baseline: the same text on rdflib's in-memory Dataset and SPARQL engine, at
  sizes up to --rdflib-up-to resolutions;
- export to Turtle and JSON-LD (baseline: rdflib's serialisers, same sizes);
- inference (unkg's rules, graph by graph; --inference-only measures it alone on sizes
  already in results.json).
On a sample of --whole-graph resolutions of the smallest size: owlrl's closure and one
pySHACL pass over the whole graph, against unkg's rules and per-resolution validation
(pySHACL's, and unkg's shapes compiled to SPARQL).

Figures are medians of --repeat runs at sizes up to --repeat-up-to, single runs above
(a 30k build takes minutes); the output says which. Results go to benchmarks/results.json
and, with matplotlib installed, benchmarks/results.png.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import synthesize  # noqa: E402

from rdflib import Dataset, Graph  # noqa: E402

from unkg.infer import materialize, owlrl_closure, rules_closure  # noqa: E402
from unkg.iris import Iris  # noqa: E402
from unkg.query import named_queries  # noqa: E402
from unkg.store import GraphStore  # noqa: E402
from unkg.validate import validate_graph  # noqa: E402

UNKG = str(Path(sys.executable).with_name("unkg"))
PREFIX = "PREFIX unkg: <https://w3id.org/unkg/ontology#>\n"
MOST_CITED = PREFIX + """SELECT ?symbol (COUNT(DISTINCT ?citation) AS ?citations) WHERE {
  ?citation unkg:cited ?target . ?target unkg:symbol ?symbol .
} GROUP BY ?symbol ORDER BY DESC(?citations) ?symbol LIMIT 10"""
RECALL_CHAIN = PREFIX + """SELECT (COUNT(DISTINCT ?earlier) AS ?recalled) WHERE {
  VALUES ?symbol { UNDEF }
  ?work unkg:symbol ?symbol ; unkg:recalls+ ?earlier .
}"""


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_build(corpus: Path, store: Path, validate: bool) -> dict:
    """One `unkg build` in a child process: seconds and peak memory (largest process)."""
    shutil.rmtree(store, ignore_errors=True)
    command = [UNKG, "build", str(corpus), "--jobs", "2", "--store", str(store)]
    if not validate:
        command.append("--no-validate")
    # a child of its own, so that the peak memory is this build's (the largest of its processes)
    measure = ("import resource, subprocess, sys, time; start = time.perf_counter(); "
               "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE); "
               "print(time.perf_counter() - start, "
               "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, done.returncode); "
               "sys.stderr.buffer.write(done.stderr)")
    done = subprocess.run([sys.executable, "-c", measure, *command], capture_output=True, text=True)
    seconds, peak, code = done.stdout.split()
    summary = done.stderr.strip().splitlines()[-1]
    return {"seconds": float(seconds), "peak_bytes": int(peak), "summary": summary, "exit": int(code)}


def bind(sparql: str, symbol: str) -> str:
    return sparql.replace("VALUES ?symbol { UNDEF }", f'VALUES ?symbol {{ "{symbol}" }}')


def query_set(store: GraphStore) -> dict[str, str]:
    """The benchmark's queries, bound to resolutions that exist in this corpus."""
    cited = [row["symbol"].value for row in store.query(MOST_CITED)]
    citing = next(row["symbol"].value for row in store.query(
        PREFIX + "SELECT ?symbol WHERE { ?w unkg:symbol ?symbol ; unkg:recalls ?x ; unkg:hasVersion ?v } "
        "ORDER BY DESC(?symbol) LIMIT 1"))
    queries = named_queries()
    return {"recalling": bind(queries["recalling"].sparql, cited[0]),
            "cites": bind(queries["cites"].sparql, citing),
            "paragraphs": bind(queries["paragraphs"].sparql, citing),
            "most cited (GROUP BY)": MOST_CITED,
            "recall chain (recalls+)": bind(RECALL_CHAIN, citing)}


def latencies(run, samples: int) -> dict:
    times = [timed(run)[0] for _ in range(samples)]
    return {"p50": statistics.median(times), "p95": percentile(times, 0.95)}


def measure_size(size: int, work: Path, args) -> dict:
    corpus = work / f"corpus-{size}"
    if not corpus.exists():
        synthesize(size, corpus, seed=1)
    repeat = args.repeat if size <= args.repeat_up_to else 1
    result: dict = {"size": size, "runs": repeat}
    for validate in (False, True) if size <= args.validate_up_to else (False,):
        runs = [run_build(corpus, work / "store", validate) for _ in range(repeat)]
        key = "build_validated" if validate else "build"
        seconds = statistics.median(r["seconds"] for r in runs)
        result[key] = {"seconds": seconds, "per_second": size / seconds,
                       "peak_bytes": max(r["peak_bytes"] for r in runs), "summary": runs[-1]["summary"]}
        print(f"  {key}: {seconds:.1f} s ({size / seconds:.1f}/s) — {runs[-1]['summary']}", flush=True)
    store_path = work / "store"
    result["store_bytes"] = folder_size(store_path)
    store = GraphStore(store_path, read_only=True)
    queries = query_set(store)
    result["triples"] = len(store.store)
    result["queries"] = {name: latencies(lambda q=sparql: list(store.query(q)), args.samples)
                         for name, sparql in queries.items()}
    exports = {}
    for fmt in ("turtle", "jsonld"):
        with open(work / f"export.{fmt}", "wb") as output:
            exports[fmt] = timed(lambda: store.export(output, fmt))[0]
    result["export"] = exports
    if size <= args.rdflib_up_to:
        dataset = Dataset(default_union=True)
        with open(work / "export.nq", "wb") as output:
            store.export(output, "nq")
        result["rdflib_load_seconds"] = timed(lambda: dataset.parse(work / "export.nq", format="nquads"))[0]
        result["rdflib_queries"] = {name: latencies(lambda q=sparql: list(dataset.query(q)),
                                                    max(3, args.samples // 10))
                                    for name, sparql in queries.items()}
        result["rdflib_export"] = {
            # a Dataset writes its named graphs as TriG, the Turtle of several graphs
            fmt: timed(lambda f=fmt: dataset.serialize(work / f"rdflib.{f}",
                                                       format="trig" if f == "turtle" else "json-ld"))[0]
            for fmt in ("turtle", "jsonld")}
        del dataset
    store = None  # release the read-only handle: inference opens the store for writing
    if size <= args.infer_up_to:
        result["inference"] = measure_inference(store_path)
    return result


def measure_inference(store_path: Path) -> dict:
    """`unkg infer` on a built store: seconds and inferred triples."""
    writer = GraphStore(store_path)
    iris = Iris()
    inference = materialize(writer, str(iris.ontology_graph), str(iris.inferred_graph),
                            str(iris.reference_graph))
    writer.close()
    print(f"  inference: {inference.seconds:.1f} s, {inference.triples:,} triples", flush=True)
    return {"seconds": inference.seconds, "triples": inference.triples}


def inference_only(size: int, work: Path) -> dict:
    """Inference at one size, on WORK/store if it holds that corpus already, else on a fresh
    build of it without validation; compacted first (unkg optimize), as a user would."""
    corpus = work / f"corpus-{size}"
    if not corpus.exists():
        synthesize(size, corpus, seed=1)
    store_path = work / "store"
    held = 0
    if store_path.exists():
        store = GraphStore(store_path, read_only=True)
        held = sum(1 for name in store.graph_names() if "/graph/A/" in name or "/graph/S/" in name)
        store.close()
    if held != size:
        run_build(corpus, store_path, validate=False)
    store = GraphStore(store_path)
    store.optimize()
    store.close()
    return measure_inference(store_path)


def whole_graph(size: int, work: Path, sample: int) -> dict:
    """owlrl and one pySHACL pass over a sample's whole graph, against unkg's paths."""
    import pyshacl

    from unkg.mapping import reference_graph
    from unkg.ontology import ontology_graph
    from unkg.validate import shapes_graph

    store = GraphStore(work / "store", read_only=True)
    iris = Iris()
    names = [n for n in store.graph_names() if "/graph/A/RES/" in n][:sample]
    graphs = [store.graph(name) for name in names]
    reference = reference_graph(iris)
    data = Graph()
    for graph in [*graphs, reference]:
        for triple in graph:
            data.add(triple)
    owlrl_seconds, expected = timed(lambda: owlrl_closure(data))
    rules_seconds, found = timed(lambda: rules_closure(data))
    shacl_seconds, (conforms, _, _) = timed(lambda: pyshacl.validate(
        data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none", allow_warnings=True))
    each_seconds, each = timed(lambda: [validate_graph(g, reference, "pyshacl") for g in graphs])
    compiled_seconds, compiled = timed(lambda: [validate_graph(g, reference) for g in graphs])
    return {"resolutions": len(names), "triples": len(data),
            "owlrl_seconds": owlrl_seconds, "rules_seconds": rules_seconds, "same_inferences": expected == found,
            "pyshacl_whole_seconds": shacl_seconds, "pyshacl_per_resolution_seconds": each_seconds,
            "compiled_per_resolution_seconds": compiled_seconds,
            "same_verdict": conforms == all(v.conforms for v in each) == all(v.conforms for v in compiled)}


def report(results: list[dict], whole: dict | None) -> str:
    lines = ["| resolutions | triples | runs | build/s | build+validate/s | peak memory | store on disk "
             "| Turtle export | JSON-LD export | inference |", "|" + "---|" * 10]
    for r in results:
        validated = r.get("build_validated")
        peak = max(r[k]["peak_bytes"] for k in ("build", "build_validated") if k in r)
        lines.append(
            f"| {r['size']:,} | {r['triples']:,} | {r['runs']} | {r['build']['per_second']:.1f} "
            f"({r['build']['seconds']:.0f} s) | "
            + (f"{validated['per_second']:.1f} ({validated['seconds']:.0f} s)" if validated else "not run")
            + f" | {peak / 2**30:.2f} GiB | {r['store_bytes'] / 2**30:.2f} GiB | {r['export']['turtle']:.1f} s | "
            f"{r['export']['jsonld']:.1f} s | "
            + (f"{r['inference']['seconds']:.0f} s ({r['inference']['triples']:,} triples) |" if "inference" in r
               else "not run |"))
    lines += ["", "| resolutions | query | p50 ms | p95 ms | rdflib p50 ms | speed-up |", "|" + "---|" * 6]
    for r in results:
        for name, timing in r["queries"].items():
            baseline = r.get("rdflib_queries", {}).get(name)
            lines.append(f"| {r['size']:,} | {name} | {1000 * timing['p50']:.2f} | {1000 * timing['p95']:.2f} | "
                         + (f"{1000 * baseline['p50']:.1f} | {baseline['p50'] / timing['p50']:.0f}× |"
                            if baseline else "– | – |"))
        if "rdflib_queries" in r:
            ratios = [r["rdflib_queries"][n]["p50"] / r["queries"][n]["p50"] for n in r["queries"]]
            lines.append(f"| {r['size']:,} | geometric mean | | | | "
                         f"{statistics.geometric_mean(ratios):.0f}× |")
            lines.append(f"| {r['size']:,} | export Turtle / JSON-LD | {1000 * r['export']['turtle']:.0f} / "
                         f"{1000 * r['export']['jsonld']:.0f} | | {1000 * r['rdflib_export']['turtle']:.0f} / "
                         f"{1000 * r['rdflib_export']['jsonld']:.0f} | "
                         f"{r['rdflib_export']['turtle'] / r['export']['turtle']:.0f}× / "
                         f"{r['rdflib_export']['jsonld'] / r['export']['jsonld']:.0f}× |")
    if whole:
        lines += ["", f"Whole graph of {whole['resolutions']} resolutions ({whole['triples']:,} triples): "
                  f"owlrl {whole['owlrl_seconds']:.1f} s, unkg's rules {whole['rules_seconds']:.2f} s "
                  f"({whole['owlrl_seconds'] / whole['rules_seconds']:.0f}×, same inferences: "
                  f"{whole['same_inferences']}); one pySHACL pass {whole['pyshacl_whole_seconds']:.1f} s, "
                  f"pySHACL per resolution {whole['pyshacl_per_resolution_seconds']:.1f} s in one process "
                  f"({whole['pyshacl_whole_seconds'] / whole['pyshacl_per_resolution_seconds']:.1f}×)"
                  + (f", unkg's compiled shapes per resolution {whole['compiled_per_resolution_seconds']:.2f} s "
                     f"({whole['pyshacl_whole_seconds'] / whole['compiled_per_resolution_seconds']:.0f}×)"
                     if "compiled_per_resolution_seconds" in whole else "")
                  + f"; same verdict: {whole['same_verdict']}."]
    return "\n".join(lines)


def plot(results: list[dict], path: Path) -> None:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plot (pip install matplotlib)")
        return
    sizes = [r["size"] for r in results]
    figure, axis = plt.subplots(figsize=(7, 4.5))
    axis.plot(sizes, [r["build"]["seconds"] for r in results], "o-", label="build")
    validated = [r for r in results if "build_validated" in r]
    axis.plot([r["size"] for r in validated], [r["build_validated"]["seconds"] for r in validated], "o-",
              label="build + validation")
    inferred = [r for r in results if "inference" in r]
    axis.plot([r["size"] for r in inferred], [r["inference"]["seconds"] for r in inferred], "o-", label="inference")
    axis.plot(sizes, [r["export"]["turtle"] for r in results], "o-", label="export Turtle")
    axis.set_xlabel("resolutions")
    axis.set_ylabel("seconds")
    axis.set_xscale("log")
    axis.set_yscale("log")
    axis.grid(True, which="both", alpha=0.3)
    axis.legend()
    axis.set_title("unkg on a 2-core machine: time against corpus size")
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 30000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--repeat-up-to", type=int, default=2000)
    parser.add_argument("--validate-up-to", type=int, default=10**9,
                        help="builds with validation at sizes up to this only")
    parser.add_argument("--infer-up-to", type=int, default=10**9, help="inference at sizes up to this only")
    parser.add_argument("--report", action="store_true", help="only print the table and plot of results.json")
    parser.add_argument("--add", action="store_true", help="add these sizes to those in results.json")
    parser.add_argument("--inference-only", action="store_true",
                        help="measure inference alone at these sizes, into their entries of results.json")
    parser.add_argument("--samples", type=int, default=50, help="runs of each query")
    parser.add_argument("--rdflib-up-to", type=int, default=2000)
    parser.add_argument("--whole-graph", type=int, default=100, help="resolutions for owlrl and one pySHACL pass")
    parser.add_argument("--work", type=Path, default=None, help="keep corpora and stores here")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="unkg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results, whole = [], None
    if args.report:
        earlier = json.loads((HERE / "results.json").read_text())
        print(report(earlier["results"], earlier["whole_graph"]))
        plot(earlier["results"], HERE / "results.png")
        return
    if args.add or args.inference_only:
        earlier = json.loads((HERE / "results.json").read_text())
        results, whole = earlier["results"], earlier["whole_graph"]
    if args.inference_only:
        measured = {r["size"]: r for r in results}
        for size in sorted(args.sizes, reverse=True):  # the largest first: its store may be there already
            print(f"{size} resolutions", flush=True)
            measured[size]["inference"] = inference_only(size, work)
            (HERE / "results.json").write_text(json.dumps({"results": results, "whole_graph": whole,
                                                           "cpus": os.cpu_count()}, indent=1) + "\n")
        print(report(results, whole))
        plot(results, HERE / "results.png")
        return
    for size in sorted(args.sizes):
        print(f"{size} resolutions", flush=True)
        results.append(measure_size(size, work, args))
        results.sort(key=lambda r: r["size"])
        if whole is None and args.whole_graph:
            whole = whole_graph(size, work, args.whole_graph)
        (HERE / "results.json").write_text(json.dumps({"results": results, "whole_graph": whole,
                                                       "cpus": os.cpu_count()}, indent=1) + "\n")
    print(report(results, whole))
    plot(results, HERE / "results.png")


if __name__ == "__main__":
    main()
