"""Validation: the shapes compiled to SPARQL, per resolution, against pySHACL.

    .venv/bin/python benchmarks/validate.py STORE [--sizes 20 40 85] [--jobs 2]

Takes the first N resolution graphs of a built store (unkg build … --store STORE), and for each
N times three ways of validating them: the baseline, pySHACL once over the union of the N
graphs and the reference graph; pySHACL per resolution; and
unkg's default, the shapes compiled to SPARQL per resolution, in one process and in --jobs
processes. Prints seconds per resolution and the ratios, so growth shows.
"""

from __future__ import annotations

import argparse
import time

from rdflib import Graph

from unkg.iris import Iris
from unkg.mapping import reference_graph
from unkg.store import GraphStore
from unkg.validate import validate_graph, validate_stored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 40, 85])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    iris = Iris()
    reference = reference_graph(iris)
    store = GraphStore(args.store, read_only=True)
    names = [n for n in store.graph_names() if "/graph/A/" in n or "/graph/S/" in n]
    print(f"{'resolutions':>11} {'pySHACL whole s':>15} {'pySHACL per res s':>17} {'compiled s':>10}"
          f" {f'compiled {args.jobs} jobs s':>17} {'compiled/res ms':>15} {'vs whole':>8} {'vs per res':>10}")
    for size in args.sizes:
        chosen = names[:size]
        whole = Graph()
        for name in chosen:
            for triple in store.graph(name):
                whole.add(triple)
        start = time.perf_counter()
        validate_graph(whole, reference, "pyshacl")
        baseline = time.perf_counter() - start
        timings = []
        for engine, jobs in (("pyshacl", 1), ("sparql", 1), ("sparql", args.jobs)):
            start = time.perf_counter()
            list(validate_stored(args.store, chosen, reference, jobs, engine))
            timings.append(time.perf_counter() - start)
        per_resolution, single, parallel = timings
        print(f"{len(chosen):11} {baseline:15.1f} {per_resolution:17.1f} {single:10.2f} {parallel:17.2f} "
              f"{1000 * single / len(chosen):15.1f} {baseline / single:7.0f}x {per_resolution / single:9.1f}x")


if __name__ == "__main__":
    main()
