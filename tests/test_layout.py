"""The layout parser on the reference document and on small texts made for one rule each."""

from __future__ import annotations

import pytest

from unkg.errors import InputError
from unkg.extract import extract
from unkg.layout import parse
from unkg.read import Source, read_source

from conftest import EXAMPLE


@pytest.fixture(scope="module")
def layout():
    return parse(read_source(EXAMPLE))


def test_example_is_the_corpus_document(corpus):
    assert EXAMPLE.read_bytes() == (corpus / "ga" / "A_RES_78_72.zh.txt").read_bytes()


def test_header_and_closing(layout):
    assert (layout.language, layout.symbol, layout.session, layout.body) == ("zh", "A/RES/78/72", 78, "A")
    assert layout.title_text == "和平利用外层空间方面的国际合作"
    assert str(layout.adopted) == "2023-12-07" and layout.meeting == 45


def test_paragraph_and_footnote_counts(layout):
    kinds = [p.kind for p in layout.paragraphs]
    assert kinds.count("preambular") == 16 and kinds.count("operative") == 46
    assert [p.number for p in layout.paragraphs if p.kind == "operative"] == list(range(1, 47))
    assert [f.number for f in layout.footnotes] == list(range(1, 33))
    assert [m.number for p in layout.paragraphs for m in p.markers] == list(range(1, 33))
    assert layout.warnings == ()


@pytest.mark.parametrize("kind, ordinal, starts, ends, markers", [
    ("preambular", 1, "回顾其 1996年", "77/121 号决议，", []),
    ("preambular", 6, "严重关切外层空间军备竞赛", "第四条的重要性，", [1]),
    ("preambular", 10, "深信空间科学技术及其应用", "可持续发展议程》，", [2]),
    ("preambular", 15, "确认“‘空间 2030’议程", "的前瞻性战略，", [5, 6]),
    ("operative", 2, "同意委员会第六十七届会议", "关切的问题；", [8]),  # written "2．"
    ("operative", 22, "满意地注意到外空厅 2023 年", "而采取的行动；", []),  # runs over a page
    ("operative", 46, "鼓励各区域组", "的工作。", []),
])
def test_paragraphs_are_rebuilt(layout, kind, ordinal, starts, ends, markers):
    paragraph = [p for p in layout.paragraphs if p.kind == kind][ordinal - 1]
    assert paragraph.block.text.startswith(starts) and paragraph.block.text.endswith(ends)
    assert [m.number for m in paragraph.markers] == markers
    assert "\n" not in paragraph.block.text


def test_markers_leave_the_text_and_keep_their_place(layout):
    pp6 = [p for p in layout.paragraphs if p.kind == "preambular"][5]
    assert "原则条约》第四条" in pp6.block.text
    marker = pp6.markers[0]
    assert layout.source.text[marker.start:marker.end].strip() == "1"
    assert pp6.block.text[:marker.at].endswith("原则条约》")


def test_footnotes_are_rebuilt(layout):
    footnote = layout.footnotes[10]
    assert footnote.block.text.startswith("《关于各国探索")
    assert "(联合国，《条约汇编》，第 610 卷，第 8843 号)" in footnote.block.text
    assert footnote.block.text.endswith("第 23002 号)。")


def test_every_source_span_maps_back(layout):
    for paragraph in layout.paragraphs:
        text = paragraph.block.text
        start, end = paragraph.block.to_source(0, len(text))
        assert layout.source.text[start:end].startswith(text[:5])
        assert layout.source.text[start:end].endswith(text[-3:])


def test_nothing_is_lost(layout):
    """Every non-space character of the file is in exactly one placed piece."""
    owners = [0] * len(layout.source.text)

    def claim(start, end):
        for i in range(start, end):
            owners[i] += 1

    blocks = [layout.title, *([layout.formula] if layout.formula else []), *layout.header, *layout.closing,
              *(p.block for p in layout.paragraphs), *(f.block for f in layout.footnotes),
              *(w.block for w in layout.warnings if w.block), *(i.heading for i in layout.instruments if i.heading)]
    for block in blocks:
        for segment in block.segments:
            claim(segment.start, segment.end)
    for paragraph in layout.paragraphs:
        for marker in paragraph.markers:
            claim(marker.start, marker.end)
        if paragraph.number_span:
            claim(*paragraph.number_span)
    for footnote in layout.footnotes:
        claim(*footnote.label)
    for piece in layout.furniture:
        claim(piece.start, piece.end)
    lost = [i for i, char in enumerate(layout.source.text) if not char.isspace() and owners[i] == 0]
    twice = [i for i, n in enumerate(owners) if n > 1]
    assert lost == [], f"warnings characters: {''.join(layout.source.text[i] for i in lost[:40])!r}"
    assert twice == []


def make(text: str) -> Source:
    return Source("made.zh.txt", text, "0" * 64, "utf-8")


HEAD = "  1/2. 标题 \n\n 大会， \n\n"


def test_a_page_that_continues_a_paragraph():
    text = (HEAD + " 1. 注意到一项工作，并请\n\n__________________ \n\n 1 脚注一。 \n\n"
            "https://undocs.org/ch/A/RES/1/1\n 秘书长提出报告；1 \n\n 2. 决定继续审议。\n")
    layout = parse(make(text))
    assert [p.block.text for p in layout.paragraphs] == ["注意到一项工作，并请秘书长提出报告；",
                                                       "决定继续审议。"]
    assert [f.block.text for f in layout.footnotes] == ["脚注一。"]


def test_a_page_that_starts_a_paragraph():
    text = HEAD + " 回顾其决议， \n  注意到报告， \n\n 1. 决定继续审议。\n"
    assert [p.kind for p in parse(make(text)).paragraphs] == ["preambular", "preambular", "operative"]


@pytest.mark.parametrize("text, message", [
    ("这不是决议。\n 只是一段文字。\n", "no title line"),
    ("  1/2. 标题 \n 只是一段文字。\n", "formula"),
])
def test_not_a_resolution(text, message):
    with pytest.raises(InputError, match=message):
        parse(make(text))


def test_text_that_cannot_be_placed_is_kept_and_reported():
    text = HEAD.replace(" 大会， \n\n", " 大会， \n\n__________________\n\n没有编号的脚注。\n\n") + " 1. 决定。\n"
    layout = parse(make(text))
    assert [w.block.text for w in layout.warnings] == ["没有编号的脚注。"]
    assert layout.warnings[0].line == 7  # title, blank, formula, blank, rule, blank, text


@pytest.mark.parametrize("body, labels, placement, heading, warned", [
    # "Adopts the following declaration:", its title, "We, …", then its own numbering
    (" 1. 通过以下宣言： \n\n 宣言标题 \n\n 我们，各国元首， \n\n 1. 我们重申承诺； \n\n 2. 欢迎进展。 \n\n"
     " 第 45 次全体会议 \n",
     ["op 1", "inst intro 1", "inst 1", "inst 2"], "inline", "宣言标题", []),
    # an annex on the page after the closing lines and their footnotes; its paragraph 2 is missing
    (" 1. 通过附件所载宣言。1 \n\n 第 45 次全体会议 \n\n__________________ \n\n 1 脚注一。 \n\f附件 \n\n 宣言标题 \n\n"
     " 1. 我们欢迎进展； \n\n 3. 我们重申承诺。 \n",
     ["op 1", "inst 1", "inst 3"], "annex", "附件宣言标题", ["paragraph number 2 of the instrument"]),
])
def test_an_instrument_numbers_its_paragraphs_anew(body, labels, placement, heading, warned):
    layout = parse(make(HEAD + body))
    assert [p.label for p in layout.paragraphs] == labels
    [instrument] = layout.instruments
    assert (instrument.placement, instrument.heading.text) == (placement, heading)
    assert [w.message[:len(m)] for w, m in zip(layout.warnings, warned)] == warned
    assert len(layout.warnings) == len(warned)
    assert [p.concept for p in extract(layout).phrases if p.paragraph.kind == "instrument"][-2:] == (
        ["reaffirm", "welcome"] if placement == "inline" else ["welcome", "reaffirm"])
