"""Nothing lost, as a property: for generated resolution texts, every non-space character lands
in exactly one placed piece, and the graph's segments give the paragraph texts back."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
from rdflib import Literal

from unkg.extract import extract
from unkg.iris import Iris
from unkg.layout import parse
from unkg.mapping import map_resolution
from unkg.read import Source
from unkg.vocab import UNKG

PREAMBULAR = ["回顾", "重申", "注意到", "深信", "强调", "确认"]
OPERATIVE = ["认可", "请", "决定", "鼓励", "敦促", "满意地注意到"]
# words without the punctuation that ends a paragraph, and without digits (markers are added apart)
WORDS = st.text(alphabet="空间合作和平利用外层国际委员会会员国发展技术方面的活动", min_size=2, max_size=30)


@st.composite
def resolutions(draw):
    """A resolution in the layout of the Chinese PDF text: wrapped lines, blank lines between
    them, indented first lines, a page break, footnotes after a rule, a closing."""
    preambular = draw(st.integers(1, 4))
    operative = draw(st.integers(1, 6))
    lines, footnotes = ["  1/2. 标题", "", " 大会，", ""], []
    for kind, count, phrases, end in (("pp", preambular, PREAMBULAR, "，"), ("op", operative, OPERATIVE, "；")):
        for index in range(1, count + 1):
            phrase = draw(st.sampled_from(phrases))
            pieces = draw(st.lists(WORDS, min_size=1, max_size=4))
            number = f"{index}. " if kind == "op" else ""
            marker = ""
            if draw(st.booleans()):
                footnotes.append(draw(WORDS) + "。")
                marker = str(len(footnotes))
            lines.append(f" {number}{phrase}{pieces[0]}")
            for piece in pieces[1:]:
                lines += ["", piece]
            lines[-1] += end + marker
            lines.append("")
    lines += ["2023 年 12 月 7 日", "第 45 次全体会议", ""]
    if footnotes:
        lines += ["__________________", ""] + [f" {n} {text}" for n, text in enumerate(footnotes, 1)]
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(resolutions())
def test_every_character_lands_once_and_the_graph_gives_the_text_back(text):
    source = Source("made.zh.txt", text, "0" * 64, "utf-8")
    layout = parse(source)
    owners = [0] * len(text)
    pieces = [layout.title, layout.formula, *layout.header, *layout.closing,
              *(p.block for p in layout.paragraphs), *(f.block for f in layout.footnotes),
              *(w.block for w in layout.warnings if w.block), *(i.heading for i in layout.instruments if i.heading)]
    for block in pieces:
        for segment in block.segments:
            for i in range(segment.start, segment.end):
                owners[i] += 1
    spans = [(m.start, m.end) for p in layout.paragraphs for m in p.markers]
    spans += [p.number_span for p in layout.paragraphs if p.number_span]
    spans += [f.label for f in layout.footnotes] + [(f.start, f.end) for f in layout.furniture]
    for start, end in spans:
        for i in range(start, end):
            owners[i] += 1
    assert [text[i] for i, n in enumerate(owners) if n == 0 and not text[i].isspace()] == []
    assert [i for i, n in enumerate(owners) if n > 1] == []

    graph = map_resolution(extract(layout), Iris())
    for paragraph in graph.subjects(UNKG.paragraphOf, None):
        segments = str(graph.value(paragraph, UNKG.segments)).split()
        rebuilt = "".join(text[int(s.split("-")[0]):int(s.split("-")[1])] for s in segments)
        assert Literal(rebuilt, lang="zh") == graph.value(paragraph, UNKG.text)
