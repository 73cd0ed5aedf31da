"""Golden files for the reference document: its extraction (JSON) and its graph (Turtle).

`make goldens` rewrites them from the current code; review the diff before committing.
"""

from __future__ import annotations

import difflib
import json

from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from unkg.iris import Iris
from unkg.mapping import map_resolution

from conftest import GOLDEN

BASE = Iris("https://w3id.org/unkg/")


def extraction_record(x) -> dict:
    text = x.layout.source.text
    phrases = {p.paragraph: p for p in x.phrases}
    return {
        "symbol": x.symbol, "title": x.layout.title_text, "adopted": str(x.layout.adopted),
        "meeting": x.layout.meeting,
        "paragraphs": [{"paragraph": p.label, "line": p.line,
                        "phrase": phrases[p].concept if p in phrases else None,
                        "modifiers": list(phrases[p].modifiers) if p in phrases else [],
                        "footnotes": [m.number for m in p.markers], "text": p.block.text}
                       for p in x.layout.paragraphs],
        "footnotes": [{"number": f.number, "line": f.line, "text": f.block.text} for f in x.layout.footnotes],
        "citations": [{"paragraph": c.paragraph.label, "footnote": c.footnote.number if c.footnote else None,
                       "kind": c.target.kind, "target": c.target.key, "via": c.via,
                       "date_given": str(c.date_given) if c.date_given else None,
                       "pinpoint": c.pinpoint, "quote": text[c.start:c.end]}
                      for c in x.citations],
        "bodies": [{"paragraph": b.paragraph.label, "footnote": b.footnote.number if b.footnote else None,
                    "body": b.body, "quote": text[b.start:b.end]} for b in x.bodies],
        "sessions": [{"paragraph": s.paragraph.label, "body": s.body, "ordinal": s.ordinal, "kind": s.kind,
                      "qualifier": s.qualifier, "place": s.place,
                      "first_day": str(s.first_day) if s.first_day else None,
                      "last_day": str(s.last_day) if s.last_day else None} for s in x.sessions],
    }


def test_extraction_golden(seed_extraction, update_goldens):
    path = GOLDEN / "A_RES_78_72.zh.extraction.json"
    actual = json.dumps(extraction_record(seed_extraction), ensure_ascii=False, indent=1) + "\n"
    if update_goldens:
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        "golden", "now", n=1))
    assert actual == expected, f"extraction differs from {path.name} (make goldens to accept):\n{diff[:6000]}"


def test_graph_golden(seed_extraction, update_goldens):
    path = GOLDEN / "A_RES_78_72.zh.ttl"
    actual = map_resolution(seed_extraction, BASE)
    if update_goldens:
        actual.serialize(path, format="turtle")
    expected = Graph().parse(path, format="turtle")
    if to_isomorphic(actual) != to_isomorphic(expected):
        _, only_golden, only_now = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
        lines = sorted(f"- {' '.join(t.n3() for t in triple)}" for triple in only_golden)[:40]
        lines += sorted(f"+ {' '.join(t.n3() for t in triple)}" for triple in only_now)[:40]
        raise AssertionError(f"graph differs from {path.name} (make goldens to accept):\n" + "\n".join(lines))
