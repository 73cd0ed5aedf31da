"""Inference: unkg's SPARQL rules against owlrl's OWL 2 RL closure, on the same graph, same run.

    .venv/bin/python benchmarks/infer.py [FILES...]   (default: the corpus's ga/ and sc/ texts)

Builds the files into a temporary store, then times owlrl (the baseline) and the rules
(in memory and in the on-disk store), checks that both give the same triples for the
ontology's vocabulary, and prints the ratios. Each figure is the median of --repeat runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph

from unkg.infer import materialize, owlrl_closure, rules_closure
from unkg.iris import Iris
from unkg.pipeline import build
from unkg.store import GraphStore

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def median_time(function, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = args.files or sorted(p for folder in ("ga", "sc") for p in (CORPUS / folder).iterdir()
                                 if p.suffix in (".txt", ".md"))
    iris = Iris()
    with tempfile.TemporaryDirectory() as folder:
        store = GraphStore(Path(folder) / "store")
        build(files, store=store, iris=iris)
        data = Graph()
        for name in store.graph_names():
            if name != str(iris.ontology_graph) and not name.startswith(str(iris.inferred_graph)):
                for triple in store.graph(name):
                    data.add(triple)
        owlrl_time, reference = median_time(lambda: owlrl_closure(data), args.repeat)
        rules_time, fast = median_time(lambda: rules_closure(data), args.repeat)
        store_time, _ = median_time(lambda: materialize(store, str(iris.ontology_graph),
                                                        str(iris.inferred_graph), str(iris.reference_graph)),
                                    args.repeat)
    print(f"graph: {len(files)} files, {len(data)} triples; inferred for the ontology's vocabulary: "
          f"{len(reference)} (owlrl) / {len(fast)} (rules), equal: {reference == fast}")
    print(f"{'path':40} {'median s':>9} {'ratio':>8}")
    print(f"{'owlrl OWL 2 RL closure (baseline)':40} {owlrl_time:9.2f} {1:8.1f}")
    print(f"{'rules, in-memory Oxigraph':40} {rules_time:9.2f} {owlrl_time / rules_time:7.1f}x")
    print(f"{'rules, on-disk store (unkg infer)':40} {store_time:9.2f} {owlrl_time / store_time:7.1f}x")
    sys.exit(0 if reference == fast else 1)


if __name__ == "__main__":
    main()
