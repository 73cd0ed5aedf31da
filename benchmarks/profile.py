"""Measure the shape of real resolutions, for benchmarks/synth.py to imitate.

Reads every GA and Security Council resolution of ../shared/corpus (one extraction per
resolution) with unkg's own extraction and writes benchmarks/profile.json: counts only
(paragraphs, footnotes, citations per paragraph, paragraph lengths, phrase frequencies),
no text of the documents.

    .venv/bin/python benchmarks/profile.py [CORPUS_DIR]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from unkg.errors import UnkgError
from unkg.pipeline import read_resolution

HERE = Path(__file__).parent


def profile(corpus: Path) -> dict:
    resolutions, seen = [], set()
    phrases = {"preambular": Counter(), "operative": Counter()}
    for path in sorted([*corpus.glob("ga/*"), *corpus.glob("sc/*")]):
        if path.suffix not in (".txt", ".md"):
            continue
        try:
            extraction = read_resolution(path)
        except UnkgError:
            continue
        if extraction.symbol in seen:  # another extraction of the same resolution
            continue
        seen.add(extraction.symbol)
        cited = Counter((c.paragraph.kind, c.paragraph.index, c.target.kind)
                        for c in extraction.citations)
        phrase_of = {(p.paragraph.kind, p.paragraph.index): p.concept for p in extraction.phrases}
        paragraphs = []
        for paragraph in extraction.layout.paragraphs:
            kind = paragraph.kind
            phrase = phrase_of.get((kind, paragraph.index))
            paragraphs.append([kind[0], len(paragraph.block.text),
                               cited[(kind, paragraph.index, "resolution")],
                               cited[(kind, paragraph.index, "document")],
                               cited[(kind, paragraph.index, "treaty")], len(paragraph.markers)])
            if phrase is not None:
                phrases[kind][phrase] += 1
        resolutions.append({"symbol": extraction.symbol, "paragraphs": paragraphs})
    return {"#": "Measured by benchmarks/profile.py on ../shared/corpus (ga/, sc/): counts, no text. "
                 "Each paragraph: [p(reambular) or o(perative), characters, resolutions cited, "
                 "documents cited, treaties cited, footnote markers].",
            "resolutions": resolutions,
            "phrases": {kind: dict(counter.most_common()) for kind, counter in phrases.items()}}


if __name__ == "__main__":
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else HERE.parent.parent / "shared" / "corpus")
    result = profile(corpus)
    lines = ",\n".join(json.dumps(r, separators=(",", ":")) for r in result["resolutions"])
    (HERE / "profile.json").write_text(
        f'{{"#": {json.dumps(result["#"])},\n"phrases": {json.dumps(result["phrases"])},\n'
        f'"resolutions": [\n{lines}\n]}}\n', encoding="utf-8")
    print(f"{len(result['resolutions'])} resolutions profiled into benchmarks/profile.json")
