"""Compaction: query latency on a built store before and after `unkg optimize`.

    .venv/bin/python benchmarks/optimize.py STORE [--samples 20]

STORE is a store as `unkg build` leaves it (benchmarks/run.py keeps one in its --work folder).
Times the queries of benchmarks/run.py (p50 and p95 over --samples runs), compacts the store,
times them again, and prints the ratios. The store is compacted in place.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import latencies, query_set  # noqa: E402

from unkg.store import GraphStore  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--samples", type=int, default=20)
    args = parser.parse_args()
    store = GraphStore(args.store)
    queries = query_set(store)

    def measure() -> dict:
        return {name: latencies(lambda q=sparql: list(store.query(q)), args.samples)
                for name, sparql in queries.items()}

    before = measure()
    start = time.perf_counter()
    store.optimize()
    print(f"compacted in {time.perf_counter() - start:.1f} s")
    after = measure()
    store.close()
    print("| query | before p50 / p95 ms | after p50 / p95 ms | speed-up (p50) |\n|---|---|---|---|")
    for name in queries:
        print(f"| {name} | {1000 * before[name]['p50']:.1f} / {1000 * before[name]['p95']:.1f} | "
              f"{1000 * after[name]['p50']:.1f} / {1000 * after[name]['p95']:.1f} | "
              f"{before[name]['p50'] / after[name]['p50']:.1f}× |")


if __name__ == "__main__":
    main()
