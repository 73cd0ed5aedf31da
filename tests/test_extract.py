"""What must be extracted from 78/72, written down by reading the document."""

from __future__ import annotations

import datetime as dt

import pytest



# The 29 resolutions recalled in preambular paragraph 1, with the dates the text gives them.
RECALLED_IN_PP1 = [
    ("51/122", "1996-12-13"), ("54/68", "1999-12-06"), ("59/2", "2004-10-20"),
    ("61/110", "2006-12-14"), ("61/111", "2006-12-14"), ("62/101", "2007-12-17"),
    ("62/217", "2007-12-22"), ("65/97", "2010-12-10"), ("65/271", "2011-04-07"),
    ("66/71", "2011-12-09"), ("67/113", "2012-12-18"), ("68/50", "2013-12-05"),
    ("68/74", "2013-12-11"), ("68/75", "2013-12-11"), ("69/85", "2014-12-05"),
    ("70/1", "2015-09-25"), ("70/82", "2015-12-09"), ("70/230", "2015-12-23"),
    ("71/90", "2016-12-06"), ("72/77", "2017-12-07"), ("72/78", "2017-12-07"),
    ("73/6", "2018-10-26"), ("73/91", "2018-12-07"), ("74/82", "2019-12-13"),
    ("75/92", "2020-12-10"), ("76/3", "2021-10-25"), ("76/76", "2021-12-09"),
    ("77/120", "2022-12-12"), ("77/121", "2022-12-12"),
]


def test_the_29_recalled_resolutions_with_their_dates(seed_extraction):
    cited = [(c.target.key.removeprefix("A/RES/"), str(c.date_given))
             for c in seed_extraction.citations if c.paragraph.label == "pp 1"]
    assert cited == RECALLED_IN_PP1


@pytest.mark.parametrize("symbol, paragraph, footnote", [
    ("A/RES/62/217", "op 16", None),
    ("A/RES/77/121", "op 3", None),
    ("A/RES/77/121", "op 9", None),
    ("A/RES/77/120", "op 12", None),
    ("A/RES/70/1", "pp 10", 2),
    ("A/RES/66/288", "pp 14", 4),
    ("A/RES/76/3", "pp 15", 5),
    ("A/RES/61/110", "op 26", 24),
    ("A/RES/69/283", "op 27", 25),
    ("A/RES/77/289", "op 27", 26),
])
def test_resolutions_cited_elsewhere(seed_extraction, symbol, paragraph, footnote):
    assert any(c.target.key == symbol and c.paragraph.label == paragraph
               and (c.footnote.number if c.footnote else None) == footnote
               for c in seed_extraction.citations)


def test_the_13_documents(seed_extraction):
    documents = {c.target.key for c in seed_extraction.citations if c.target.kind == "document"}
    assert documents == {"A/78/20", "A/AC.105/1285", "A/AC.105/C.2/112", "A/AC.105/1260",
                         "A/AC.105/1279", "A/AC.105/C.1/121", "A/AC.105/C.1/124", "A/AC.105/1138",
                         "A/74/20", "A/62/20", "A/77/CRP.1/Add.6", "A/72/20", "A/58/20"}


@pytest.mark.parametrize("footnote, symbol, via, pinpoint", [
    (7, "A/78/20", "official-records", None),  # 《大会正式记录，第七十八届会议，补编第 20 号》
    (8, "A/78/20", "ibid", "第 404 段"),  # 同上，第 404 段
    (9, "A/78/20", "ibid", "第二章 C 节"),
    (9, "A/AC.105/1285", "symbol", None),
    (10, "A/78/20", "official-records", "第 266 至 269 段"),
    (13, "A/AC.105/1260", "symbol", "附件二，附录"),
    (19, "A/AC.105/1279", "symbol", "附件三，第 8 段"),
    (19, "A/AC.105/C.1/124", "symbol", "第 28 段"),
    (22, "A/62/20", "official-records", "第 117 和 118 段及附件"),  # 《同上，第六十二届会议…》
    (27, "A/77/CRP.1/Add.6", "symbol", None),
    (30, "A/78/20", "ibid", "第 395 段"),
])
def test_documents_in_footnotes(seed_extraction, footnote, symbol, via, pinpoint):
    found = [(c.via, c.pinpoint) for c in seed_extraction.citations
             if c.footnote and c.footnote.number == footnote and c.target.key == symbol]
    assert found == [(via, pinpoint)]


def test_treaties_by_treaty_series_key(seed_extraction):
    treaties = {(c.paragraph.label, c.target.key) for c in seed_extraction.citations
                if c.target.kind == "treaty"}
    assert treaties == {
        ("pp 6", "unts-610-8843"), ("op 5", "unts-610-8843"), ("op 5", "unts-672-9574"),
        ("op 5", "unts-961-13810"), ("op 5", "unts-1023-15020"), ("op 5", "unts-1363-23002"),
        ("pp 15", "unts-3156-54113"),  # 《巴黎协定》, named in footnote 6
    }


def test_frameworks_named_in_the_text(seed_extraction):
    named = {(c.paragraph.label, c.target.key) for c in seed_extraction.citations if c.via == "name"}
    assert {("pp 10", "A/RES/70/1"), ("pp 15", "A/RES/76/3"), ("pp 15", "A/RES/69/283"),
            ("op 27", "A/RES/69/283"), ("op 32", "au-agenda-2063")} <= named


@pytest.mark.parametrize("paragraph, concept, modifiers", [
    ("pp 1", "recall", ()), ("pp 2", "emphasize", ()), ("pp 3", "recognize", ()),
    ("pp 4", "convinced", ()), ("pp 5", "reaffirm", ()), ("pp 6", "gravelyConcerned", ()),
    ("pp 8", "deeplyConcerned", ()), ("pp 9", "note", ()), ("pp 12", "firmlyConvinced", ()),
    ("pp 16", "haveConsidered", ()),
    ("op 1", "endorse", ()), ("op 2", "agree", ()), ("op 3", "note", ()), ("op 5", "urge", ()),
    ("op 6", "note", ("withSatisfaction",)), ("op 7", "takeNote", ()),
    ("op 12", "recall", ("withSatisfaction",)), ("op 16", "note", ("withAppreciation",)),
    ("op 19", "request", ()), ("op 20", "decide", ()), ("op 23", "welcome", ("inThisRegard",)),
    ("op 36", "encourage", ()), ("op 39", "encourage", ("also",)), ("op 41", "callUpon", ()),
])
def test_leading_phrases(seed_extraction, paragraph, concept, modifiers):
    phrase = next(p for p in seed_extraction.phrases if p.paragraph.label == paragraph)
    assert (phrase.concept, phrase.modifiers) == (concept, modifiers)


def test_every_paragraph_has_a_phrase(seed_extraction):
    assert len(seed_extraction.phrases) == 62


def test_bodies(seed_extraction):
    bodies = {m.body for m in seed_extraction.bodies}
    assert {"A", "A/AC.105", "A/AC.105/C.1", "A/AC.105/C.2", "UNOOSA", "A/C.1", "A/C.4", "UN-SPIDER",
            "ICG", "IADC", "IAWN", "SMPAG", "APSCO", "ESA", "AU", "AU-Assembly", "AfSA"} <= bodies


def test_the_committee_is_copuos_after_it_was_named(seed_extraction):
    op2 = [m.body for m in seed_extraction.bodies if m.paragraph.label == "op 2"]
    assert op2 == ["A/AC.105"]  # "同意委员会第六十七届会议…"


@pytest.mark.parametrize("body, ordinal, kind", [
    ("A/AC.105", 62, "session"), ("A/AC.105", 66, "session"), ("A/AC.105", 67, "session"),
    ("A/AC.105/C.2", 56, "session"), ("A/AC.105/C.2", 62, "session"), ("A/AC.105/C.2", 63, "session"),
    ("A/AC.105/C.1", 59, "session"), ("A/AC.105/C.1", 60, "session"), ("A/AC.105/C.1", 61, "session"),
    ("A", 78, "session"), ("A", 79, "session"), ("AU-Assembly", 26, "session"), ("ICG", 17, "meeting"),
])
def test_sessions_and_meetings(seed_extraction, body, ordinal, kind):
    assert any((s.body, s.ordinal, s.kind) == (body, ordinal, kind) for s in seed_extraction.sessions)


def test_the_icg_meeting_in_madrid(seed_extraction):
    meeting = next(s for s in seed_extraction.sessions if s.body == "ICG")
    assert (meeting.place, meeting.first_day, meeting.last_day) == (
        "马德里", dt.date(2023, 10, 15), dt.date(2023, 10, 20))


def test_the_african_union_ordinary_session(seed_extraction):
    session = next(s for s in seed_extraction.sessions if s.body == "AU-Assembly")
    assert (session.qualifier, session.place, session.first_day, session.last_day) == (
        "ordinary", "亚的斯亚贝巴", dt.date(2016, 1, 30), dt.date(2016, 1, 31))


def test_citation_spans_point_at_their_words(seed_extraction):
    text = seed_extraction.layout.source.text
    for citation in seed_extraction.citations:
        quoted = text[citation.start:citation.end]
        if citation.via == "symbol" and citation.target.kind == "resolution":
            assert quoted == citation.target.key.removeprefix("A/RES/")
        if citation.via == "ibid":
            assert quoted == "同上"


def test_a_date_cut_by_a_line_break_is_read_as_no_date(tmp_path):
    """"12月3\n\n0日": the "3" ending a line reads as a footnote marker, leaving day 0. The
    citation stays, without a date, and nothing crashes."""
    from conftest import EXAMPLE
    from unkg.pipeline import read_resolution
    path = tmp_path / "A_RES_78_72.zh.txt"
    text = EXAMPLE.read_text(encoding="utf-8")
    path.write_text(text.replace("1996年 12月 13 日", "1996年 12月3\n\n0日", 1), encoding="utf-8")
    cited = {c.target.key: c for c in read_resolution(path).citations if c.target.kind == "resolution"}
    assert cited["A/RES/51/122"].date_given is None
    assert cited["A/RES/54/68"].date_given == dt.date(1999, 12, 6)


ENGLISH = """Resolution adopted by the General Assembly on 6 December 2025

80/99. A test of sessions

The General Assembly,

Noting that the Assembly of States Parties to the Rome Statute of the International Criminal Court shall meet at United Nations Headquarters to hold its twenty-fourth session,

{sentence}

1. Decides to include in the provisional agenda of its eighty-first session the item.

60th plenary meeting
6 December 2025
"""


@pytest.mark.parametrize("sentence, sessions", [
    # a body that meets in sessions, named before "its" in the clause, holds the session
    ("Noting that the Committee on Contributions held its eighty-fourth and eighty-fifth sessions,",
     {("CoC", 84), ("CoC", 85)}),
    # "agenda of its" is the Assembly's, whatever body was named before
    ("Welcoming the panel of the Fourth Committee and the provisional agenda of its eightieth session,",
     {("A", 80)}),
    # not across a semicolon; the Secretary-General holds no sessions
    ("Recalling the report of the Secretary-General at its seventy-ninth session,", {("A", 79)}),
    ("Noting the Committee on Contributions; recalling its seventy-ninth session,", {("A", 79)}),
    # a substantive session of a working body unkg does not know is left out, not given to the Assembly
    ("Noting that the working group held its tenth and eleventh substantive sessions,", set()),
])
def test_whose_session_its_names(sentence, sessions):
    from unkg.extract import extract
    from unkg.layout import parse
    from unkg.read import Source
    x = extract(parse(Source("A_RES_80_99.en.txt", ENGLISH.format(sentence=sentence), "0" * 64, "utf-8")))
    found = {(s.body, s.ordinal) for s in x.sessions}
    assert found == sessions | {("ICC-ASP", 24), ("A", 81)}
