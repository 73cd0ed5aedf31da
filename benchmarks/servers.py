"""SPARQL servers: load throughput and query latency of Oxigraph server and Virtuoso, against
the embedded store, on the synthetic corpora of benchmarks/run.py.

    .venv/bin/python benchmarks/servers.py [--sizes 1000 10000] [--work DIR] [--samples 20]

For each size, the corpus (benchmarks/synth.py, seed 1) is built into a store without
validation (or the store already at WORK/store-N is used), then each server is started on
127.0.0.1, given the store with `unkg push` through the Graph Store Protocol, and asked the
queries of benchmarks/run.py, p50 and p95 over --samples runs, with the embedded store's
times beside them. Results go to benchmarks/servers.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from run import latencies, query_set  # noqa: E402
from sparql_servers import oxigraph_server, virtuoso_binary, virtuoso_server  # noqa: E402
from synth import synthesize  # noqa: E402

from unkg.iris import Iris  # noqa: E402
from unkg.pipeline import build  # noqa: E402
from unkg.remote import RemoteError, Server, push  # noqa: E402
from unkg.store import GraphStore  # noqa: E402


def store_for(size: int, work: Path) -> Path:
    path = work / f"store-{size}"
    if not path.exists():
        corpus = work / f"corpus-{size}"
        if not corpus.exists():
            synthesize(size, corpus, seed=1)
        store = GraphStore(path)
        build(sorted(str(p) for p in corpus.iterdir()), store=store, iris=Iris(), validate=False, jobs=2)
        store.close()
    return path


def measure(size: int, work: Path, samples: int) -> dict:
    store = GraphStore(store_for(size, work), read_only=True)
    queries = query_set(store)
    result = {"size": size, "triples": len(store.store),
              "embedded": {name: latencies(lambda q=q: list(store.query(q)), samples) for name, q in queries.items()}}
    # the GROUP BY and the recall chain read the default graph: Oxigraph's is the union only
    # when asked (Virtuoso's always is)
    launchers = {"oxigraph": lambda folder: oxigraph_server(folder, union_default_graph=True)}
    if virtuoso_binary():
        launchers["virtuoso"] = virtuoso_server
    for name, launch in launchers.items():
        with tempfile.TemporaryDirectory() as folder, launch(Path(folder)) as running:
            server = Server(running.endpoint, running.graph_store, timeout=600, credentials=running.credentials)
            start = time.perf_counter()
            pushed = push(store, server)
            seconds = time.perf_counter() - start
            triples = sum(p.triples for p in pushed)
            timings = {}
            for query, text in queries.items():
                here = sorted(map(str, (tuple(r) for r in store.query(text))))
                there = server.query(text).rows
                if len(there) != len(here):
                    raise SystemExit(f"{name} gives {len(there)} rows for {query}, the store {len(here)}")
                try:
                    timings[query] = latencies(lambda t=text: server.query(t), samples)
                except RemoteError as error:  # Virtuoso may refuse deep transitive paths
                    timings[query] = {"error": error.message}
            result[name] = {"push_seconds": seconds, "triples_per_second": triples / seconds, "queries": timings}
            print(f"  {name}: pushed {triples:,} triples in {seconds:.1f} s ({triples / seconds:,.0f}/s)",
                  flush=True)
    return result


def report(results: list[dict]) -> str:
    servers = [s for s in ("oxigraph", "virtuoso") if any(s in r for r in results)]
    lines = ["| resolutions | triples | " + " | ".join(f"{s} load (triples/s)" for s in servers) + " |",
             "|" + "---|" * (2 + len(servers))]
    for r in results:
        lines.append(f"| {r['size']:,} | {r['triples']:,} | "
                     + " | ".join(f"{r[s]['triples_per_second']:,.0f} ({r[s]['push_seconds']:.0f} s)"
                                  if s in r else "–" for s in servers) + " |")
    lines += ["", "| resolutions | query | embedded p50 / p95 ms | "
              + " | ".join(f"{s} p50 / p95 ms" for s in servers) + " |", "|" + "---|" * (3 + len(servers))]
    for r in results:
        for name, timing in r["embedded"].items():
            cells = [("refused" if "error" in r[s]["queries"][name] else
                      f"{1000 * r[s]['queries'][name]['p50']:.1f} / {1000 * r[s]['queries'][name]['p95']:.1f}")
                     if s in r else "–" for s in servers]
            lines.append(f"| {r['size']:,} | {name} | {1000 * timing['p50']:.1f} / {1000 * timing['p95']:.1f} | "
                         + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--add", action="store_true", help="add these sizes to those in servers.json")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="unkg-servers-"))
    work.mkdir(parents=True, exist_ok=True)
    saved = HERE / "servers.json"
    results = [r for r in json.loads(saved.read_text()) if r["size"] not in args.sizes] if args.add else []
    for size in args.sizes:
        print(f"{size} resolutions", flush=True)
        results.append(measure(size, work, args.samples))
        results.sort(key=lambda r: r["size"])
        saved.write_text(json.dumps(results, indent=1) + "\n")
    print(report(results))
    print(f"(p50 and p95 of {args.samples} runs per query; one push per server and size)")


if __name__ == "__main__":
    main()
