"""Extract stage: from a `Layout` to the facts it states (`Extraction`).

Each paragraph is read with the footnotes it calls: a citation in a footnote is made by
the paragraph whose marker calls that footnote. Matching runs on the folded text;
every match is mapped back to source offsets.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from .iris import normalise_symbol
from .lexicon import Language, load_bodies, load_frameworks, load_language, symbol_patterns
from .model import (Block, BodyMention, Citation, Extraction, Footnote, HeaderReference, Layout,
                    Paragraph, ParagraphPhrase, SessionMention, Target)
from .read import Folded, fold



# What ends a sentence for the search of the word that says short symbols are resolutions.
SENTENCE_END = re.compile(r"[。;؛]")


def resolution_symbol(short: str) -> str:
    """The full symbol of a GA resolution cited by its short form: 62/217 -> A/RES/62/217."""
    return "A/RES/" + re.sub(r"\s+", "", short)


def numbered_resolution_symbol(match: re.Match) -> str:
    """242 (1967) -> S/RES/242(1967); 2758 (XXVI) -> A/RES/2758(XXVI)."""
    if match["year"]:
        return f"S/RES/{int(match['number'])}({match['year']})"
    return f"A/RES/{int(match['number'])}({match['roman']})"


@dataclass(frozen=True)
class _Unit:
    """A text that is read as one: a paragraph's body or one of its footnotes."""

    block: Block
    folded: Folded
    paragraph: Paragraph
    footnote: Footnote | None

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.block.to_source(*self.folded.unfold(start, end))


@dataclass(frozen=True)
class _Gazetteer:
    """Body names of one language, longest first, with anaphors and their exclusions."""

    regex: re.Pattern
    keys: dict[str, str]  # folded form -> body key
    anaphors: dict[str, tuple[str, tuple[str, ...]]]  # folded form -> (body key, not_after)


@cache
def _gazetteer(language: str) -> _Gazetteer:
    keys, anaphors = {}, {}
    for body in load_bodies()["bodies"]:
        for form in body["forms"].get(language, []):
            keys[fold(form).text] = body["key"]
        for anaphor in body.get("anaphors", {}).get(language, []):
            anaphors[fold(anaphor["form"]).text] = (body["key"], tuple(anaphor["not_after"]))
    forms = sorted({*keys, *anaphors}, key=len, reverse=True)
    alternatives = "|".join(map(re.escape, forms)) or "(?!)"
    boundary = r"(?![^\W\d_])" if load_language(language).line_joiner else ""  # whole words
    return _Gazetteer(re.compile(f"(?:{alternatives}){boundary}"), keys, anaphors)


@cache
def _sessional_bodies() -> frozenset[str]:
    """Keys of the bodies that hold numbered sessions or meetings: all but those bodies.json
    lists as "without_sessions"."""
    tables = load_bodies()
    without = tables["without_sessions"]
    return frozenset(body["key"] for body in tables["bodies"]
                     if body["kind"] not in without["kinds"] and body["key"] not in without["bodies"])


@cache
def _framework_patterns(language: str) -> tuple[tuple[re.Pattern, dict], ...]:
    return tuple((re.compile(fold(form).text), framework)
                 for framework in load_frameworks()["frameworks"]
                 for form in framework["forms"].get(language, []))


class _Extractor:
    def __init__(self, layout: Layout, language: Language):
        self.layout = layout
        self.language = language
        self.gazetteer = _gazetteer(language.code)
        self.citations: list[Citation] = []
        self.bodies: list[BodyMention] = []
        self.sessions: list[SessionMention] = []
        self.named_bodies: set[str] = set()
        self.last_document: Target | None = None  # for 同上 (ibid.)
        self.taken: list[tuple[int, int]] = []  # folded spans already cited in the unit
        self.session_spans: list[tuple[int, int]] = []  # folded spans of sessions in the unit
        self.unit_bodies: list[tuple[int, str]] = []  # (folded end, key) of bodies named in the unit

    def date(self, match: re.Match, suffix: str = "") -> dt.date | None:
        """A date from a match's year, month and day groups (month in figures or by name)."""
        return self.language.date(match["year" + suffix], match["month" + suffix], match["day" + suffix])

    def run(self) -> Extraction:
        footnotes = {f.number: f for f in self.layout.footnotes}
        phrases = []
        for paragraph in self.layout.paragraphs:
            units = [self._unit(paragraph.block, paragraph, None)]
            units += [self._unit(footnotes[m.number].block, paragraph, footnotes[m.number])
                      for m in paragraph.markers if m.number in footnotes]
            phrase = self.language.leading_phrase(units[0].folded.text)
            if phrase:
                start, end = units[0].source_span(phrase.start, phrase.end)
                phrases.append(ParagraphPhrase(paragraph, phrase.concept, phrase.modifiers, start, end))
            for unit in units:
                self.taken, self.session_spans, self.unit_bodies = [], [], []
                self._bodies_and_sessions(unit)
                self._official_records(unit)
                self._document_symbols(unit)
                self._ibid(unit)
                self._resolutions(unit)
                self._treaties(unit)
                self._frameworks(unit)
                if unit.footnote:
                    self._remember_last_document(unit)
        return Extraction(self.layout, tuple(phrases), tuple(self.citations), tuple(self.bodies),
                          tuple(self.sessions), self._header_references())

    def _header_references(self) -> tuple[HeaderReference, ...]:
        """The draft ("A/73/L.3") and the committee report ("A/80/534") the header names."""
        symbol = symbol_patterns()["document_symbol"].regex
        references = []
        for block in self.layout.header:
            folded = fold(block.text)
            for match in symbol.finditer(folded.text):
                if normalise_symbol(match.group()) == self.layout.symbol:
                    continue  # the masthead repeats the resolution's own symbol
                draft = symbol_patterns()["draft_symbol"].regex.fullmatch(normalise_symbol(match.group()))
                role = "draft" if draft else "report"
                start, end = block.to_source(*folded.unfold(*match.span()))
                references.append(HeaderReference(role, normalise_symbol(match.group()), start, end))
        return tuple(references)

    @staticmethod
    def _unit(block: Block, paragraph: Paragraph, footnote: Footnote | None) -> _Unit:
        return _Unit(block, fold(block.text), paragraph, footnote)

    # --- citations ----------------------------------------------------------------------

    def _free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.taken)

    def _cite(self, unit: _Unit, target: Target, start: int, end: int, via: str,
              date_given: dt.date | None = None, pinpoint: str | None = None) -> None:
        self.taken.append((start, end))
        source_start, source_end = unit.source_span(start, end)
        self.citations.append(Citation(target, unit.paragraph, source_start, source_end,
                                       unit.footnote, date_given, pinpoint, via))

    def _pinpoint(self, unit: _Unit, end: int) -> str | None:
        match = self.language.pattern("pinpoint").match(unit.folded.text, end)
        if not match:
            return None
        start, stop = unit.folded.unfold(*match.span("pinpoint"))
        return unit.block.text[start:stop].strip()

    @staticmethod
    def _document_target(symbol: str) -> Target:
        symbol = normalise_symbol(symbol)
        kind = "resolution" if re.match(r"[AS]/RES/", symbol) else "document"
        return Target(kind, symbol)

    def _official_records(self, unit: _Unit) -> None:
        """Official Records: the symbol in brackets after them, else the symbol their session and
        supplement make (A/{session}/{supplement}); a language may give only the symbol."""
        pattern = self.language.patterns["official_records"]
        for match in pattern.regex.finditer(unit.folded.text):
            groups = match.groupdict()
            session = self.language.number(groups["session"]) if groups.get("session") else None
            symbol = groups.get("symbol") or (session and pattern.symbol_template.format(
                session=session, supplement=int(groups["supplement"])))
            if not symbol:
                continue
            self._cite(unit, self._document_target(symbol), *match.span(), "official-records",
                       pinpoint=self._pinpoint(unit, match.end()))
            if session:
                start, end = unit.source_span(*match.span())
                self.sessions.append(SessionMention("A", session, "session", unit.paragraph,
                                                    unit.footnote, start, end))

    def _document_symbols(self, unit: _Unit) -> None:
        for match in symbol_patterns()["document_symbol"].regex.finditer(unit.folded.text):
            if self._free(*match.span()):
                self._cite(unit, self._document_target(match.group()), *match.span(), "symbol",
                           pinpoint=self._pinpoint(unit, match.end()))

    def _ibid(self, unit: _Unit) -> None:
        if unit.footnote is None or self.last_document is None:
            return
        for match in self.language.pattern("ibid").finditer(unit.folded.text):
            if self._free(*match.span()):
                self._cite(unit, self.last_document, *match.span(), "ibid",
                           pinpoint=self._pinpoint(unit, match.end()))

    def _remember_last_document(self, unit: _Unit) -> None:
        cited = [c for c in self.citations if c.footnote is unit.footnote]
        if cited:
            self.last_document = max(cited, key=lambda c: c.start).target

    def _said_to_be(self, text: str, start: int, end: int) -> tuple[str, re.Match] | None:
        """What the words around short symbols say they are, in the same sentence: "resolution(s)"
        / "决议" or "decision(s)" / "号决定"; the nearer word wins, after the symbols or before."""
        stop = SENTENCE_END.search(text, end)
        previous = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
        sentence_start, sentence_end = (previous[-1] if previous else 0), (stop.start() if stop else len(text))
        found = []
        for kind in ("resolution", "decision"):
            word = self.language.patterns.get(f"{kind}_word")
            if word is None:
                continue
            after = word.regex.search(text, end, sentence_end)
            if after:
                found.append((after.start() - end, kind, after))
            before = list(word.regex.finditer(text, sentence_start, start))
            if before:
                found.append((start - before[-1].end(), kind, before[-1]))
        if not found:
            return None
        _, kind, match = min(found, key=lambda item: item[0])
        return kind, match

    def _said_to_be_resolutions(self, text: str, start: int, end: int) -> re.Match | None:
        said = self._said_to_be(text, start, end)
        return said[1] if said and said[0] == "resolution" else None

    def _resolutions(self, unit: _Unit) -> None:
        text = unit.folded.text
        short = symbol_patterns()["short_resolution"].regex
        date_after = self.language.patterns.get("date_after")  # "79/19 of 2 December 2024"
        date = self.language.pattern("date")
        for group in self.language.pattern("resolution_group").finditer(text):
            if not self._free(*group.span()):
                continue
            said = self._said_to_be(text, *group.span())
            if not said:
                continue
            kind, word = said
            leading_date = date.match(text, group.start())  # "2007 年 12 月 22 日第 62/217 号"
            pinpoint = self._pinpoint(unit, word.end()) if 0 <= word.start() - group.end() <= 1 else None
            symbols = list(short.finditer(text, group.start(), group.end()))
            for i, symbol in enumerate(symbols):
                given = self.date(leading_date) if leading_date else None
                own = date_after.regex.match(text, symbol.end()) if date_after else None
                if own:
                    given = self.date(date.search(own["date"]))
                target = (Target("resolution", resolution_symbol(symbol["short"])) if kind == "resolution"
                          else Target("document", "A/DEC/" + symbol["short"]))
                self._cite(unit, target, *symbol.span(), "symbol", given,
                           pinpoint if i == len(symbols) - 1 else None)
            self.taken.append(group.span())
        for match in symbol_patterns()["council_annual_resolution"].regex.finditer(text):
            if self._free(*match.span()) and self._said_to_be_resolutions(text, *match.span()):
                self._cite(unit, Target("resolution", f"E/RES/{match['year']}/{int(match['number'])}"),
                           *match.span(), "symbol")
        for match in symbol_patterns()["numbered_resolution"].regex.finditer(text):
            if self._free(*match.span()) and self._said_to_be_resolutions(text, *match.span()):
                given = date_after.regex.match(text, match.end()) if date_after else None
                self._cite(unit, Target("resolution", numbered_resolution_symbol(match)), *match.span(),
                           "symbol", self.date(date.search(given["date"])) if given else None,
                           self._pinpoint(unit, match.end()))

    def _treaties(self, unit: _Unit) -> None:
        for match in self.language.pattern("treaty_series").finditer(unit.folded.text):
            key = f"unts-{int(match['volume'])}-{int(match['number'])}"
            self._cite(unit, Target("treaty", key), *match.span(), "treaty-series")

    def _frameworks(self, unit: _Unit) -> None:
        for regex, framework in _framework_patterns(self.language.code):
            for match in regex.finditer(unit.folded.text):
                if not self._free(*match.span()):
                    continue
                if "resolution" in framework:
                    target = Target("resolution", framework["resolution"])
                elif "treaty" in framework:
                    treaty = framework["treaty"]
                    target = Target("treaty", f"unts-{treaty['volume']}-{treaty['number']}")
                else:
                    target = Target("framework", framework["id"])
                pinpoint = framework.get("pinpoint", {}).get(self.language.code)
                self._cite(unit, target, *match.span(), "name", pinpoint=pinpoint)

    # --- bodies, sessions and meetings --------------------------------------------------

    def _bodies_and_sessions(self, unit: _Unit) -> None:
        text, position = unit.folded.text, 0
        while match := self.gazetteer.regex.search(text, position):
            form = match.group()
            position = match.start() + 1
            if form in self.gazetteer.keys:
                key = self.gazetteer.keys[form]
                self.named_bodies.add(key)
            else:
                key, not_after = self.gazetteer.anaphors[form]
                if key not in self.named_bodies or text[:match.start()].endswith(not_after):
                    continue
            position = match.end()
            start, end = unit.source_span(*match.span())
            self.bodies.append(BodyMention(key, unit.paragraph, unit.footnote, start, end))
            self.unit_bodies.append((match.end(), key))
            if key in _sessional_bodies():
                self._session_after(unit, key, match)
                self._session_before(unit, key, match)
        self._own_sessions(unit)

    def _session_before(self, unit: _Unit, body: str, mention: re.Match) -> None:
        """"the sixty-sixth session of the Committee": the session is named before its body."""
        pattern = self.language.patterns.get("session_before_body")
        session = pattern and pattern.regex.search(unit.folded.text, max(0, mention.start() - 80),
                                                    mention.start())
        if session:
            self._record_session(unit, body, session, session.start(), mention.end())

    def _own_sessions(self, unit: _Unit) -> None:
        """"its seventy-fourth session": of the resolution's own body after "agenda of"; else
        of the body that meets in sessions named last before it in the same clause ("the
        Assembly of States Parties shall meet … to hold its seventeenth session"); else of the
        resolution's own body, unless the pattern says only a working body holds such a
        session ("its first substantive session" of a working group unkg does not know)."""
        pattern = self.language.patterns.get("own_session")
        for session in pattern.regex.finditer(unit.folded.text) if pattern else ():
            if any(session.end() > s and session.start() < e for s, e in self.session_spans):
                continue
            groups = session.groupdict()
            body = self.layout.body if groups.get("own") else self._body_before(unit, session.start())
            if body is None and not groups.get("substantive"):
                body = self.layout.body
            if body is not None:
                start = session.end("own") if groups.get("own") else session.start()  # from "its"
                self._record_session(unit, body, session, start, session.end())

    def _body_before(self, unit: _Unit, position: int) -> str | None:
        """The body that meets in sessions named last before `position` in its clause."""
        clause_break = self.language.patterns.get("clause_break")
        for end, key in reversed(self.unit_bodies):
            if end <= position and key in _sessional_bodies():
                between = unit.folded.text[end:position]
                return None if clause_break and clause_break.regex.search(between) else key
        return None

    def _session_after(self, unit: _Unit, body: str, mention: re.Match) -> None:
        session = self.language.pattern("session_after_body").match(unit.folded.text, mention.end())
        if session:
            self._record_session(unit, body, session, mention.start(), session.end())

    def _record_session(self, unit: _Unit, body: str, session: re.Match, start: int, end: int) -> None:
        self.session_spans.append((start, end))
        first = last = None
        if session.groupdict().get("when"):
            first, last = self._days(session["when"])
        start, end = unit.source_span(start, end)
        place = None
        if session.groupdict().get("place"):
            place_start, place_end = unit.folded.unfold(*session.span("place"))
            place = unit.block.text[place_start:place_end]
        ordinals = [self.language.number(session["ordinal"])]
        if session.groupdict().get("more"):  # "its tenth and eleventh sessions": one mention each
            ordinals += [self.language.number(more.group())
                         for more in self.language.pattern("number").finditer(session["more"])]
        for ordinal in ordinals:
            self.sessions.append(SessionMention(
                body, ordinal, "meeting" if session.groupdict().get("meeting") else "session",
                unit.paragraph, unit.footnote, start, end,
                self.language.session_kinds.get(" ".join((session.groupdict().get("session") or "").split())),
                place, first, last))

    def _days(self, text: str) -> tuple[dt.date | None, dt.date | None]:
        """First and last day of "2023 年 10 月 15 日至 20 日", "15 to 20 October 2023"."""
        span = self.language.pattern("date_range").match(text)
        if span:
            groups = {k: v for k, v in span.groupdict().items() if v}
            year = groups.get("year") or groups["year2"]
            return (self.language.date(year, groups.get("month") or groups["month2"], groups["day"]),
                    self.language.date(groups.get("year2") or year, groups.get("month2") or groups["month"],
                                       groups["day2"]))
        single = self.language.pattern("date").match(text)
        return (self.date(single), self.date(single)) if single else (None, None)


def extract(layout: Layout) -> Extraction:
    """Extract phrases, citations, bodies and sessions from a resolution's layout."""
    return _Extractor(layout, load_language(layout.language)).run()
