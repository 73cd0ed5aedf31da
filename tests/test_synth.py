"""The synthetic corpus of the benchmarks is read as it was written."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

from synth import synthesize  # noqa: E402

from unkg.pipeline import read_resolution  # noqa: E402


def test_synthetic_resolutions_are_read_as_planned(tmp_path):
    planned = synthesize(40, tmp_path, seed=7)
    assert {p.language for p in planned} == {"zh", "en"}
    for plan in planned:
        extraction = read_resolution(plan.path)
        layout = extraction.layout
        kinds = [p.kind for p in layout.paragraphs]
        assert (extraction.symbol, kinds.count("preambular"), kinds.count("operative")) == \
            (plan.symbol, plan.preambular, plan.operative), plan.path.name
        assert layout.adopted is not None, plan.path.name
        cited = [c for c in extraction.citations if c.target.kind == "resolution" and c.footnote is None]
        assert len(cited) == plan.resolutions_cited, plan.path.name
        assert len(layout.footnotes) == plan.footnotes, plan.path.name


def test_the_same_seed_writes_the_same_corpus(tmp_path):
    first = [p.path.read_bytes() for p in synthesize(10, tmp_path / "a", seed=3)]
    second = [p.path.read_bytes() for p in synthesize(10, tmp_path / "b", seed=3)]
    assert first == second
