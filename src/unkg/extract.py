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

import cn2an

from .lexicon import Language, load_bodies, load_frameworks, load_language, symbol_patterns
from .model import (Block, BodyMention, Citation, Extraction, Footnote, Layout, Paragraph,
                    ParagraphPhrase, SessionMention, Target)
from .read import Folded, fold

SESSION_QUALIFIERS = {"届常会": "ordinary", "届特别会议": "special"}


def resolution_symbol(short: str) -> str:
    """The full symbol of a GA resolution cited by its short form: 62/217 -> A/RES/62/217."""
    return "A/RES/" + re.sub(r"\s+", "", short)


def number_value(text: str) -> int:
    """An Arabic or Chinese numeral's value ("66", "六十六")."""
    text = text.strip()
    return int(text) if text.isdigit() else int(cn2an.cn2an(text, "strict"))


def parse_date(match: re.Match) -> dt.date:
    return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))


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
    return _Gazetteer(re.compile("|".join(map(re.escape, forms))), keys, anaphors)


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
                self.taken = []
                self._bodies_and_sessions(unit)
                self._official_records(unit)
                self._document_symbols(unit)
                self._ibid(unit)
                self._resolutions(unit)
                self._treaties(unit)
                self._frameworks(unit)
                if unit.footnote:
                    self._remember_last_document(unit)
        return Extraction(self.layout, f"A/RES/{self.layout.session}/{self.layout.number}",
                          tuple(phrases), tuple(self.citations), tuple(self.bodies),
                          tuple(self.sessions))

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
        kind = "resolution" if re.match(r"[AS]/RES/", symbol) else "document"
        return Target(kind, symbol)

    def _official_records(self, unit: _Unit) -> None:
        pattern = self.language.patterns["official_records"]
        for match in pattern.regex.finditer(unit.folded.text):
            session = number_value(match["session"])
            symbol = match["symbol"] or pattern.symbol_template.format(
                session=session, supplement=int(match["supplement"]))
            self._cite(unit, self._document_target(symbol), *match.span(), "official-records",
                       pinpoint=self._pinpoint(unit, match.end()))
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

    def _resolutions(self, unit: _Unit) -> None:
        text = unit.folded.text
        short = symbol_patterns()["short_resolution"].regex
        word = self.language.pattern("resolution_word")
        date = self.language.pattern("date")
        sentence_end = re.compile(r"[。;]")
        for group in self.language.pattern("resolution_group").finditer(text):
            if not self._free(*group.span()):
                continue
            stop = sentence_end.search(text, group.end())
            confirmed = word.search(text, group.end(), stop.start() if stop else len(text))
            if not confirmed:
                continue
            given = date.match(text, group.start())
            pinpoint = (self._pinpoint(unit, confirmed.end())
                        if confirmed.start() - group.end() <= 1 else None)
            symbols = list(short.finditer(text, group.start(), group.end()))
            for i, symbol in enumerate(symbols):
                self._cite(unit, Target("resolution", resolution_symbol(symbol["short"])),
                           *symbol.span(), "symbol", parse_date(given) if given else None,
                           pinpoint if i == len(symbols) - 1 else None)
            self.taken.append(group.span())

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
            self._session_after(unit, key, match)

    def _session_after(self, unit: _Unit, body: str, mention: re.Match) -> None:
        session = self.language.pattern("session_after_body").match(unit.folded.text, mention.end())
        if not session:
            return
        first = last = None
        if session["when"]:
            span = self.language.pattern("date_range").match(session["when"])
            single = self.language.pattern("date").match(session["when"])
            if span:
                first = parse_date(span)
                last = dt.date(first.year, int(span["month2"] or span["month"]), int(span["day2"]))
            elif single:
                first = last = parse_date(single)
        start, end = unit.source_span(mention.start(), session.end())
        place = None
        if session["place"]:
            place_start, place_end = unit.folded.unfold(*session.span("place"))
            place = unit.block.text[place_start:place_end]
        self.sessions.append(SessionMention(
            body, number_value(session["ordinal"]), "meeting" if session["meeting"] else "session",
            unit.paragraph, unit.footnote, start, end,
            SESSION_QUALIFIERS.get(session["session"] or ""), place, first, last))


def extract(layout: Layout) -> Extraction:
    """Extract phrases, citations, bodies and sessions from a resolution's layout."""
    return _Extractor(layout, load_language(layout.language)).run()
