"""Validation: per resolution (unkg validate) against one pySHACL pass over the whole graph.

    .venv/bin/python benchmarks/validate.py STORE [--sizes 20 40 85] [--jobs 2]

Takes the first N resolution graphs of a built store (unkg build … --store STORE), and for each
N times the baseline (pySHACL once over the union of the N graphs and the reference graph) and
unkg's per-resolution validation in one process and in --jobs processes. Prints seconds per
resolution, so growth shows: per-resolution validation is flat, the single pass is not.
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
    print(f"{'resolutions':>11} {'baseline s':>10} {'1 process s':>11} {f'{args.jobs} processes s':>13}"
          f" {'baseline/res':>12} {'unkg/res':>8} {'ratio':>6}")
    for size in args.sizes:
        chosen = names[:size]
        whole = Graph()
        for name in chosen:
            for triple in store.graph(name):
                whole.add(triple)
        start = time.perf_counter()
        validate_graph(whole, reference)
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        list(validate_stored(args.store, chosen, reference, 1))
        single = time.perf_counter() - start
        start = time.perf_counter()
        list(validate_stored(args.store, chosen, reference, args.jobs))
        parallel = time.perf_counter() - start
        print(f"{len(chosen):11} {baseline:10.1f} {single:11.1f} {parallel:13.1f} "
              f"{baseline / len(chosen):12.3f} {parallel / len(chosen):8.3f} {baseline / parallel:5.1f}x")


if __name__ == "__main__":
    main()
