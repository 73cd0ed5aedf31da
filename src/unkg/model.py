"""The frozen records that pass between pipeline stages, each with its source spans.

Spans are code-point offsets into `Source.text`; `Block.to_source` maps an offset in a
rebuilt text back to the file, so every extracted fact can point at its characters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .read import Source

ParagraphKind = Literal["preambular", "operative", "instrument"]


@dataclass(frozen=True)
class Segment:
    """A run of source characters that is part of a rebuilt text, after `joiner`."""

    start: int
    end: int
    joiner: str = ""


@dataclass(frozen=True)
class Block:
    """Text rebuilt from source segments (wrapped lines joined, markers left out)."""

    text: str
    segments: tuple[Segment, ...]

    @classmethod
    def build(cls, source_text: str, segments: list[Segment]) -> "Block":
        return cls("".join(s.joiner + source_text[s.start:s.end] for s in segments),
                   tuple(segments))

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of `text` to a span of the source (first to last character)."""
        first = last = None
        position = 0
        for segment in self.segments:
            position += len(segment.joiner)
            length = segment.end - segment.start
            if first is None and start < position + length:
                first = segment.start + max(0, start - position)
            if end <= position + length:
                last = segment.start + max(0, end - position)
                break
            position += length
        if first is None or last is None:
            raise ValueError(f"span {start}-{end} is outside a text of {len(self.text)} characters")
        return first, max(first, last)

    @property
    def start(self) -> int:
        return self.segments[0].start

    @property
    def end(self) -> int:
        return self.segments[-1].end


@dataclass(frozen=True)
class Marker:
    """A footnote marker glued to the text ("决议，2"), and the footnote it calls."""

    number: int
    start: int
    end: int
    at: int  # offset in the paragraph's text where the marker stood


@dataclass(frozen=True)
class Footnote:
    number: int
    block: Block
    label: tuple[int, int]  # the printed number that opens the footnote
    line: int


@dataclass(frozen=True)
class Paragraph:
    kind: ParagraphKind
    index: int  # 1-based position among paragraphs of its kind (of its instrument)
    number: int | None  # the printed number of an operative or instrument paragraph
    block: Block
    markers: tuple[Marker, ...]
    line: int
    number_span: tuple[int, int] | None = None
    instrument: int | None = None  # which instrument (1-based) an instrument paragraph belongs to

    @property
    def label(self) -> str:
        """How queries, goldens and gold files name it: "pp 3", "op 7", "inst 5" (the first
        instrument's paragraph 5), "inst2 5", "inst intro 1" (an unnumbered opening paragraph)."""
        if self.kind == "operative":
            return f"op {self.number}"
        if self.kind == "preambular":
            return f"pp {self.index}"
        part = "inst" if self.instrument == 1 else f"inst{self.instrument}"
        return f"{part} {self.number}" if self.number is not None else f"{part} intro {self.index}"


@dataclass(frozen=True)
class Instrument:
    """A text the resolution adopts or annexes (a declaration, a programme of action), with
    its own numbering: set out after "Adopts the following …:" (inline) or after the closing
    lines under an "Annex" heading (annex)."""

    index: int  # 1-based, in the order of the text
    placement: Literal["inline", "annex"]
    heading: Block | None  # "Annex", the instrument's title and subtitle lines
    line: int


@dataclass(frozen=True)
class Furniture:
    """Page furniture: footnote separators, undocs.org links, page headers."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Warning:
    """Text the parser could not place; it is kept and reported, never dropped."""

    message: str
    line: int
    block: Block | None = None


@dataclass(frozen=True)
class Layout:
    """A resolution's text taken apart: title, formula, paragraphs, footnotes, closing."""

    source: Source
    language: str
    kind: Literal["resolution", "draft"]
    symbol: str  # "A/RES/78/72", "S/RES/242(1967)", "A/L.632"; "UNDL/453500" when none is printed
    undl_record: str | None  # the UN Digital Library record that identifies a text without symbol
    session: int | None  # the General Assembly session, where the symbol gives it
    number: int | None  # the resolution's number; drafts have none
    title: Block
    title_text: str
    formula: Block | None  # "大会，", "The Security Council,"; early Council texts have none
    body: str  # key of the adopting body ("A": the General Assembly)
    header: tuple[Block, ...]  # lines before the title that are not masthead
    paragraphs: tuple[Paragraph, ...]
    footnotes: tuple[Footnote, ...]
    closing: tuple[Block, ...]
    adopted: dt.date | None
    meeting: int | None
    agenda_item: str | None  # "97 (a)", from the header
    distributed: dt.date | None  # the date of distribution in the masthead
    furniture: tuple[Furniture, ...]
    warnings: tuple[Warning, ...]
    instruments: tuple[Instrument, ...] = ()


# --- extraction results -------------------------------------------------------------

TargetKind = Literal["resolution", "document", "treaty", "framework"]


@dataclass(frozen=True)
class Target:
    """What a citation points at, by its natural key."""

    kind: TargetKind
    key: str  # "A/RES/62/217", "A/78/20", "unts-610-8843", "au-agenda-2063"


@dataclass(frozen=True)
class Citation:
    target: Target
    paragraph: Paragraph
    start: int  # source span of the words that cite
    end: int
    footnote: Footnote | None = None
    date_given: dt.date | None = None
    pinpoint: str | None = None
    via: str | None = None  # how it was recognised: "symbol", "official-records", "ibid", "name"


@dataclass(frozen=True)
class BodyMention:
    body: str
    paragraph: Paragraph | None
    footnote: Footnote | None
    start: int
    end: int


@dataclass(frozen=True)
class SessionMention:
    """A session ("委员会第六十六届会议") or a numbered meeting of a body."""

    body: str
    ordinal: int
    kind: Literal["session", "meeting"]
    paragraph: Paragraph | None
    footnote: Footnote | None
    start: int
    end: int
    qualifier: str | None = None  # "ordinary", "special"
    place: str | None = None
    first_day: dt.date | None = None
    last_day: dt.date | None = None


@dataclass(frozen=True)
class HeaderReference:
    """A document the header names: the draft adopted, the committee report it came on."""

    role: Literal["draft", "report"]
    symbol: str
    start: int
    end: int


@dataclass(frozen=True)
class ParagraphPhrase:
    paragraph: Paragraph
    concept: str
    modifiers: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True)
class Extraction:
    """Everything unkg knows about one resolution text."""

    layout: Layout
    phrases: tuple[ParagraphPhrase, ...]
    citations: tuple[Citation, ...]
    bodies: tuple[BodyMention, ...]
    sessions: tuple[SessionMention, ...]
    references: tuple[HeaderReference, ...] = ()

    @property
    def symbol(self) -> str:
        return self.layout.symbol
