"""Parse stage: a resolution's text, as extracted from its PDF, to its `Layout`.

Texts come as PDF extractors leave them: lines wrapped mid-sentence, blank lines that may
or may not end a paragraph, mastheads, running headers, job numbers and page counters,
footnote blocks after a line of underscores (or, in re-joined Markdown, footnotes inline
where the page broke), and footnote markers glued to words. The parser rebuilds the title,
the paragraphs and the footnotes, records the furniture, and keeps for each piece the
source segments it was rebuilt from. Text it cannot place is kept as a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import cache

from .errors import InputError
from .iris import normalise_symbol
from .lexicon import Language, compile_table, load_language, symbol_patterns
from .model import Block, Footnote, Furniture, Instrument, Layout, Marker, Paragraph, Segment, Warning
from .read import Source, fold

# YAML front matter of Markdown extractions, and the symbol it gives.
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\n---[ \t]*(?:\r?\n|\Z)", re.S)
FRONT_MATTER_SYMBOL = re.compile(r"^symbol:\s*(?P<symbol>\S.*?)\s*$", re.M)
# The number that opens a footnote, then its text; in Markdown "[^12]: text"; in older
# Council texts "1/ text".
FOOTNOTE_START = re.compile(r"^\s*(?:\[\^(?P<markdown>\d+)\]:\s*|(?P<number>\d{1,3})(?:/)?\s+(?=\S))")
# A Markdown footnote reference: "[^2]".
MARKDOWN_MARKER = re.compile(r"\[\^(?P<number>\d+)\]")
# A footnote marker. Only numbers that continue the sequence of markers are taken.
FOOTNOTE_MARKER = re.compile(
    r"""(?<= [^\s\d(《“‘/.\-] )            # glued to a word or closing punctuation ("决议，2",
        (?P<number> \d{1,3} )               # "Bodies,1"), not to a digit, an opening bracket
        (?= \s | $ | [\u3400-\u9fff] | [,;.:] )  # or the '/', '.', '-' of a symbol or range
      | (?<= [,;:)”’] \s )                  # or set apart by one space after punctuation, as
        (?P<detached> \d{1,3} )             # pdfminer leaves superscripts ("Development, 1 ");
        (?= \s | $ )                        # not after '.', so "para. 7" is no marker
      | (?<= [A-Za-z0-9)] \s )               # or one space after a word and two after it, as pypdf
        (?P<raised> \d{1,3} )               # leaves superscripts ("Goals 6  and", "2013 9  in");
        (?= \s{2} | \s*$ )                   # "6 million" has one space after, and is no marker
      | (?<= \s )                            # or, in older Council texts, "1/" after a space
        (?P<slashed> \d{1,2} ) /            # ("of 4 March 1994 1/ on his mission")
        (?= \s | $ | , )
    """, re.VERBOSE)
# Markers may skip so many numbers (a marker the text lost) and still continue the sequence.
MARKER_GAP = 3
# What ends a paragraph: a comma after a preambular paragraph, a semicolon or full stop
# after an operative one, a colon before a list (folded forms; Arabic ، and ؛ too), maybe
# then a marker.
PARAGRAPH_END = re.compile(r"[,;。:.،؛]\s*(?:\d{1,3}/?)?\s*$")
# Where a paragraph may end inside one line: closing punctuation (maybe a closing quote),
# then spaces. Markdown extractions sometimes put the rest of a page into its footnote.
BREAK_IN_LINE = re.compile(r"[.;,:][”\"’]?\s+")
# A running header inside a line is at least this long a beginning of the title.
MIN_RUNNING_HEADER = 20
# The full stop that ends an operative paragraph (a preambular one ends with a comma).
SENTENCE_END = re.compile(r"[.。]\s*$")
# Runs of two spaces or more inside a line: justified text; they become one space.
SPACE_RUN = re.compile(r"\s{2,}")
# A UN Digital Library record in a file name: UNDL-453500_draft_res….txt
UNDL_RECORD_IN_NAME = re.compile(r"UNDL-(?P<record>\d+)")
# A line in capitals (the title of an old draft): letters, all upper-case.
CAPITALS = re.compile(r"^[^a-z]*[A-Z][^a-z]*$")
# A language given in the file name: A_RES_78_72.zh.txt
LANGUAGE_IN_NAME = re.compile(r"\.(?P<language>ar|zh|en|fr|ru|es)\.[\w.-]*$")
CJK = re.compile(r"[\u3400-\u9fff]")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# An instrument's paragraph may follow one numbered up to this much lower: re-extractions glue
# paragraphs together ("5. We also reaffirm … 8. We reiterate" in 80/9's annex).
INSTRUMENT_NUMBER_GAP = 5
HEADER_LINES = 40  # the title stands within the first lines of a text
FORMULA_LINES = 12  # and the formula within a few lines after it


def roman_value(numeral: str) -> int:
    values = [ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _capital(char: str) -> bool:
    """An upper-case letter, or a letter of a script without case (Arabic): what can open a
    paragraph, where a lower-case letter continues one."""
    return char.isupper() or (char.isalpha() and not char.islower())


def detect_language(source: Source) -> str:
    """The text's language: from the file name if it says, else from its script."""
    named = LANGUAGE_IN_NAME.search(source.path)
    if named:
        return named["language"]
    sample = source.text[:4000]
    return "zh" if len(CJK.findall(sample)) > 0.2 * max(1, len(sample.strip())) else "en"


@cache
def furniture_patterns() -> dict[str, re.Pattern]:
    return {name: pattern.regex for name, pattern in compile_table("layout.json", "furniture").items()}


@cache
def masthead_pattern() -> re.Pattern:
    return compile_table("layout.json", "masthead")["masthead"].regex


@dataclass
class _Line:
    number: int  # 1-based
    start: int  # content start (after leading whitespace)
    end: int  # content end (before trailing whitespace)
    indent: int
    folded: str  # folded content
    blank_before: bool  # a blank line stands right before it
    page_break_before: bool  # a form feed stands before it


@dataclass
class _OpenBlock:
    line: int
    lines: list[_Line] = field(default_factory=list)
    instrument: int = 0  # 0: the resolution's own text; k: its k-th instrument


@dataclass
class _OpenInstrument:
    placement: str  # "inline" or "annex"
    line: int
    heading: list[_Line] = field(default_factory=list)
    started: bool = False  # its first paragraph has opened


def _lines(text: str, start: int) -> list[_Line]:
    out, offset, blank, page_break = [], 0, False, False
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        body = raw.rstrip("\r\n\f\v\x1c\x1d\x1e\x85\u2028\u2029")
        content = body.strip()
        if offset >= start and content:
            first = offset + len(body) - len(body.lstrip())
            out.append(_Line(number, first, first + len(content), len(body) - len(body.lstrip()),
                             fold(content).text, blank, page_break))
            blank = page_break = False
        elif offset >= start:
            blank = True
        if "\f" in raw:
            page_break = True
        offset += len(raw)
    return out


@dataclass(frozen=True)
class _Title:
    symbol: str
    session: int | None
    number: int | None
    text: str
    body: str  # the organ the symbol names
    kind: str = "resolution"
    undl_record: str | None = None


class _Parser:
    def __init__(self, source: Source, language: Language):
        self.source = source
        self.language = language
        self.spaced = bool(language.line_joiner)
        self.furniture: list[Furniture] = []
        self.warnings: list[Warning] = []

    def fail(self, line: _Line | None, message: str, remedy: str) -> InputError:
        return InputError(self.source.path, message, remedy, line.number if line else None)

    # --- the whole text ---------------------------------------------------------------

    def parse(self) -> Layout:
        front = FRONT_MATTER.match(self.source.text)
        if front:
            self.furniture.append(Furniture("front-matter", 0, front.end()))
        lines = _lines(self.source.text, front.end() if front else 0)
        if not lines:
            raise self.fail(None, "the file has no text", "give a resolution's text")
        title_index, title = self._find_title(lines)
        header = self._header(lines[:title_index])
        formula_index = next((i for i in range(title_index + 1, min(len(lines), title_index + FORMULA_LINES))
                              if self.language.formula_body(lines[i].folded)), None)
        if formula_index is None and title.body != "S" and title.kind != "draft":
            raise self.fail(lines[title_index], "not a resolution: no formula such as '大会，' or "
                            "'The General Assembly,' after the title",
                            "check that the text is a whole resolution")
        body_start = (formula_index or title_index) + 1
        title_lines = lines[title_index:formula_index if formula_index is not None else title_index + 1]
        formula = self._block([lines[formula_index]]) if formula_index is not None else None
        body_key = self.language.formula_body(lines[formula_index].folded) if formula else title.body
        self.title_words = SPACE_RUN.sub(" ", " ".join(line.folded for line in title_lines)).lower()
        self.title_text_words = fold(title.text).text.lower()
        self.symbol = title.symbol
        paragraphs, footnotes, closing, instruments = self._body(lines[body_start:])
        adopted, meeting = self._adoption([*header, *title_lines, *closing])
        agenda_item, distributed = self._header_metadata(lines[:title_index])
        return Layout(
            source=self.source,
            language=self.language.code,
            kind=title.kind,
            symbol=title.symbol,
            undl_record=title.undl_record,
            session=title.session,
            number=title.number,
            title=self._block(title_lines),
            title_text=title.text,
            formula=formula,
            body=body_key,
            header=tuple(self._block([line]) for line in header),
            paragraphs=tuple(paragraphs),
            footnotes=tuple(footnotes),
            closing=tuple(self._block([line]) for line in closing),
            adopted=adopted,
            meeting=meeting,
            agenda_item=agenda_item,
            distributed=distributed,
            furniture=tuple(sorted(self.furniture, key=lambda f: f.start)),
            warnings=tuple(self.warnings),
            instruments=tuple(instruments),
        )

    def _find_title(self, lines: list[_Line]) -> tuple[int, _Title]:
        general = self.language.patterns.get("title_line")
        council = self.language.patterns.get("council_title_line")
        for index, line in enumerate(lines[:HEADER_LINES]):
            match = general.regex.match(line.folded) if general else None
            if match:
                return index, self._general_title(lines, index, match)
            match = council.regex.match(line.folded) if council else None
            if match:
                number, year = int(match["number"] or match["number2"]), match["year"] or match["year2"]
                heading = SPACE_RUN.sub(" ", line.folded).strip()  # Council resolutions have no title
                return index, _Title(normalise_symbol(f"S/RES/{number} ({year})"), None, number, heading, "S")
        draft = self._draft_title(lines)
        if draft:
            return draft
        raise self.fail(lines[0], "not a resolution: no title line such as '78/72. …' or "
                        "'Resolution 242 (1967)' near the top, nor a draft's sponsors line",
                        "give the text of a resolution as extracted from its PDF")

    def _draft_title(self, lines: list[_Line]) -> tuple[int, _Title] | None:
        """A draft resolution: sponsors ending ": draft resolution", the title before them (in
        capitals) or after them, and a symbol among the header lines or a UNDL record."""
        pattern = self.language.patterns.get("draft_line")
        end = next((i for i, line in enumerate(lines[:HEADER_LINES])
                    if pattern and pattern.regex.search(line.folded)), None)
        if end is None:
            return None
        formula = next((i for i in range(end + 1, min(len(lines), end + FORMULA_LINES))
                        if self.language.formula_body(lines[i].folded)), end + 1)
        start = end
        while start > 0 and not CAPITALS.match(lines[start - 1].folded) \
                and lines[start - 1].folded.rstrip().endswith((",", "of", "and")):
            start -= 1  # sponsor lines before the one that ends the list
        if formula > end + 1:  # the title follows the sponsors
            title_lines, first = lines[end + 1:formula], start
        else:  # the title precedes them, in capitals
            first = start
            while (first > 0 and CAPITALS.match(lines[first - 1].folded)
                   and not self._furniture_kind(lines[first - 1])
                   and not masthead_pattern().match(lines[first - 1].folded)):
                first -= 1
            title_lines = lines[first:start]
        text = SPACE_RUN.sub(" ", " ".join(line.folded for line in title_lines)).strip()
        draft_symbol = symbol_patterns()["draft_symbol"].regex
        symbols = [SPACE_RUN.sub("", line.folded) for line in lines[:first]
                   if draft_symbol.fullmatch(SPACE_RUN.sub("", line.folded))]
        record = UNDL_RECORD_IN_NAME.search(self.source.path)
        if symbols:
            return first, _Title(symbols[0], None, None, text, symbols[0].split("/")[0], "draft")
        if record:
            return first, _Title(f"UNDL/{record['record']}", None, None, text, "A", "draft", record["record"])
        raise self.fail(lines[end], "a draft resolution without a symbol in its header or a UN Digital "
                        "Library record number in its file name (UNDL-453500_…)",
                        "name the file after its UNDL record, or add the symbol")

    def _general_title(self, lines: list[_Line], index: int, match: re.Match) -> _Title:
        end = next((i for i in range(index + 1, min(len(lines), index + FORMULA_LINES))
                    if self.language.formula_body(lines[i].folded)), index + 1)
        words = [match["title"]] + [line.folded for line in lines[index + 1:end]]
        joined = (self.language.line_joiner or "").join(words)
        text = SPACE_RUN.sub(" ", joined).strip() if self.spaced else joined.strip()
        if match["session"]:
            session, number = int(match["session"]), int(match["number"])
            return _Title(f"A/RES/{session}/{number}", session, number, text, "A")
        number, roman = int(match["early"]), match["roman"]
        return _Title(normalise_symbol(f"A/RES/{number} ({roman})"), roman_value(roman), number, text, "A")

    def _header(self, lines: list[_Line]) -> list[_Line]:
        """Lines before the title: masthead and furniture are recorded, the rest kept."""
        kept = []
        for line in lines:
            kind = self._furniture_kind(line) or ("masthead" if masthead_pattern().match(line.folded) else None)
            if kind:
                self.furniture.append(Furniture(kind, line.start, line.end))
            else:
                kept.append(line)
        return kept

    def _furniture_kind(self, line: _Line) -> str | None:
        for name, pattern in furniture_patterns().items():
            if pattern.match(line.folded):
                return name.replace("_", "-")
        return None

    def _repeats_title(self, line: _Line) -> bool:
        """A line that is the whole title again (Markdown keeps the running title mid-page)."""
        return self.spaced and SPACE_RUN.sub(" ", line.folded).strip().lower() == self.title_text_words

    def _running_header(self, line: _Line) -> bool:
        """The symbol, a piece of the title, or both on one line ("on the fight against
        tuberculosis A/RES/73/3"), repeated at the top of a page."""
        text = SPACE_RUN.sub(" ", line.folded).strip()
        if normalise_symbol(text) == self.symbol:
            return True
        words = text.split(" ")
        if len(words) > 1 and normalise_symbol(words[-1]) == self.symbol:
            text = " ".join(words[:-1])
        elif len(words) > 1 and normalise_symbol(words[0]) == self.symbol:
            text = " ".join(words[1:])
        return len(text) >= 12 and text.lower() in self.title_words

    # --- blocks -----------------------------------------------------------------------

    def _block(self, lines: list[_Line], skip: list[tuple[int, int]] = ()) -> Block:
        """Join lines into a block, leaving out the source spans in `skip` (markers, numbers).

        Chinese lines join without a space. In spaced scripts lines join with one space
        (none after a hyphen that ends a line), runs of spaces inside a line (justified
        text) become one space, and a cut-out marker leaves a space only where the source
        had one. Segments keep the exact source spans either way.
        """
        text = self.source.text
        segments: list[Segment] = []
        joiner = ""
        for index, line in enumerate(lines):
            if index:
                before = text[lines[index - 1].start:lines[index - 1].end]
                joiner = ("" if before.endswith("-") else " ") if self.spaced else ""
            cuts = sorted((s, e) for s, e in skip if line.start <= s < line.end)
            pieces, position = [], line.start
            for cut_start, cut_end in cuts:
                pieces.append((position, cut_start))
                position = max(position, cut_end)
            pieces.append((position, line.end))
            for piece_index, (piece_start, piece_end) in enumerate(pieces):
                if piece_index and self.spaced:
                    cut_start, cut_end = cuts[piece_index - 1]
                    spaced_cut = text[cut_end:cut_end + 1].isspace() or text[cut_start - 1:cut_start].isspace()
                    joiner = " " if spaced_cut else ""
                for start, end in self._words(piece_start, piece_end):
                    segments.append(Segment(start, end, joiner if segments else ""))
                    joiner = " " if self.spaced else ""
        if not segments:  # a line that was all marker or number: an empty block at its place
            segments = [Segment(lines[0].start, lines[0].start)]
        return Block.build(text, segments)

    def _words(self, start: int, end: int) -> list[tuple[int, int]]:
        """Source runs of a line piece, split where a run of spaces stands (spaced scripts)."""
        piece = self.source.text[start:end]
        first, last = start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())
        if last <= first:
            return []
        if not self.spaced:
            return [(first, last)]
        runs, position = [], first
        for gap in SPACE_RUN.finditer(self.source.text, first, last):
            runs.append((position, gap.start()))
            position = gap.end()
        runs.append((position, last))
        return runs

    # --- the body -----------------------------------------------------------------------

    def _body(self, lines: list[_Line]):
        operative_number = self.language.pattern("operative_number")
        closing_start = self.language.patterns.get("closing_start")
        annex_heading = self.language.patterns.get("annex_heading")
        subject = self.language.patterns.get("instrument_subject")
        separators = any(furniture_patterns()["footnote_separator"].match(line.folded) for line in lines)
        open_paragraphs: list[_OpenBlock] = []
        open_footnotes: list[tuple[int, _Line, _OpenBlock]] = []
        open_instruments: list[_OpenInstrument] = []
        closing: list[_Line] = []
        state, page_top = "body", True
        text_state = "body"  # where the text resumes after a page's footnotes
        self.next_number = 1  # operative paragraphs are numbered 1, 2, 3 …
        self.number_gap = 0  # … without gaps; an instrument's may skip a few
        if self.spaced:
            lines = self._resume_bodies(lines, operative_number, closing_start)
        for line in lines:
            if line.page_break_before:
                page_top = True
                if state == "footnotes":
                    state = text_state
            kind = self._furniture_kind(line)
            if kind == "footnote-separator":
                self.furniture.append(Furniture(kind, line.start, line.end))
                state = "footnotes"
                continue
            if kind:  # page furniture: a page ends, and its footnotes with it
                self.furniture.append(Furniture(kind, line.start, line.end))
                state = text_state if state == "footnotes" else state
                page_top = True
                continue
            if (page_top and self._running_header(line)) or self._repeats_title(line):
                self.furniture.append(Furniture("running-header", line.start, line.end))
                continue
            page_top = False
            expected = (open_footnotes[-1][0] if open_footnotes else 0) + 1
            footnote_start = FOOTNOTE_START.match(line.folded)
            if state == "footnotes" and (line.indent >= 2 and not self.spaced
                                         or operative_number.match(line.folded)):
                state = text_state  # a new page starts, or a numbered paragraph ("1.", not "1 ")
            if state == "footnotes":
                if footnote_start and footnote_start["markdown"]:
                    number = int(footnote_start["markdown"])
                    open_footnotes.append((number, line, _OpenBlock(line.number, [line])))
                elif footnote_start and int(footnote_start["number"]) == expected:
                    open_footnotes.append((expected, line, _OpenBlock(line.number, [line])))
                elif open_footnotes:
                    open_footnotes[-1][2].lines.append(line)
                else:
                    self._unplace(line, "text after a footnote separator is not a footnote; kept as unplaced text")
                continue
            if (not separators and footnote_start and footnote_start["number"]
                    and int(footnote_start["number"]) == expected
                    and line.blank_before and self._marker_seen(open_paragraphs, expected)):
                open_footnotes.append((expected, line, _OpenBlock(line.number, [line])))
                continue
            if state == "closing" and annex_heading and annex_heading.regex.match(line.folded):
                state = "instrument"  # an annex after the closing lines: "Annex", its title, its text
                text_state = state
                open_instruments.append(_OpenInstrument("annex", line.number, [line]))
                self.next_number = 1
                self.number_gap = INSTRUMENT_NUMBER_GAP
                continue
            if state == "closing" or (closing_start and closing_start.regex.match(line.folded)):
                state = text_state = "closing"  # and after the page's footnotes, still closing
                closing.append(line)
                continue
            previous = open_paragraphs[-1] if open_paragraphs else None
            if state == "body" and previous is not None and self._introduces_instrument(previous):
                state = "instrument"  # "Adopts the following political declaration …:"
                text_state = state
                open_instruments.append(_OpenInstrument("inline", line.number))
                self.next_number = 1
                self.number_gap = INSTRUMENT_NUMBER_GAP
            instrument = len(open_instruments) if state == "instrument" else 0
            if instrument and not open_instruments[-1].started:
                if not (self._numbered(line, operative_number) is not None
                        or subject and subject.regex.match(line.folded)):
                    open_instruments[-1].heading.append(line)  # its title, before its first paragraph
                    continue
                open_instruments[-1].started = True
                previous = None
            if self._starts_paragraph(line, previous, operative_number):
                if (number := self._numbered(line, operative_number)) is not None:
                    if number > self.next_number:
                        missing = f"{self.next_number}" + (f"–{number - 1}" if number - 1 > self.next_number else "")
                        self.warnings.append(Warning(f"paragraph number {missing} of the instrument is not in the "
                                                     "text; what it held stays in the paragraph before", line.number))
                    self.next_number = number + 1
                open_paragraphs.append(_OpenBlock(line.number, [line], instrument))
            elif previous is not None:
                previous.lines.append(line)
            else:
                self._unplace(line, "text before the first paragraph; kept as unplaced text")
        footnotes = [self._footnote(number, first, block) for number, first, block in open_footnotes]
        if open_paragraphs and not closing and not self._complete(open_paragraphs[-1], operative_number):
            last = open_paragraphs[-1].lines[-1]
            self.warnings.append(Warning("the text ends mid-paragraph, with no closing date or meeting: "
                                         "it may be truncated", last.number))
        paragraphs = self._paragraphs(open_paragraphs, {f.number for f in footnotes})
        called = {m.number for p in paragraphs for m in p.markers}
        for footnote in footnotes:
            if footnote.number not in called:
                self.warnings.append(Warning(f"footnote {footnote.number} is called by no paragraph; "
                                             "it is kept with the layout but not in the graph",
                                             footnote.line, footnote.block))
        instruments = [Instrument(index, o.placement, self._block(o.heading) if o.heading else None, o.line)
                       for index, o in enumerate(open_instruments, start=1)]
        return paragraphs, footnotes, closing, instruments

    def _introduces_instrument(self, block: _OpenBlock) -> bool:
        """Whether a paragraph adopts a text set out right after it ("Adopts the following
        political declaration …:"): it opens so, and ends with a colon."""
        follows = self.language.patterns.get("instrument_follows")
        return (follows is not None and block.instrument == 0 and bool(follows.regex.match(block.lines[0].folded))
                and block.lines[-1].folded.rstrip().endswith(":"))

    def _resume_bodies(self, lines: list[_Line], operative_number, closing_start) -> list[_Line]:
        """The lines, with each Markdown footnote that holds the rest of its page ("[^1]:
        A/80/124. Observance of … drafting and Noting that …, 1. Reaffirms …; 2. Calls …") cut
        into the footnote, the running header (recorded as furniture) and one line per paragraph,
        each with the line's number. The body resumes after a sentence end, maybe the beginning
        of the title, then the opening of a paragraph: a leading phrase, or the next operative
        number and a capital."""
        result, expected = [], 1
        for line in lines:
            label = FOOTNOTE_START.match(line.folded)
            if not (label and label["markdown"]):
                numbered = operative_number.match(line.folded)
                expected += bool(numbered) and int(numbered["number"]) == expected
                result.append(line)
                continue
            folded = fold(self.source.text[line.start:line.end])
            text = folded.text

            def opens(at: int) -> bool:
                rest = text[at:]
                numbered = operative_number.match(rest)
                if numbered:
                    return int(numbered["number"]) == expected and _capital(rest[numbered.end():][:1])
                return _capital(rest[:1]) and self.language.leading_phrase(rest) is not None

            resumed = header = None
            for sentence in re.finditer(r"\.\s+", text[label.end():]):
                at = label.end() + sentence.end()
                if opens(at):
                    resumed = header = at
                    break
                title = [word.start() for word in re.finditer(r"\s+|$", text[at:at + len(self.title_text_words) + 1])
                         if self.title_text_words.startswith(text[at:at + word.start()].lower())]
                if title and title[-1] >= MIN_RUNNING_HEADER:  # the beginning of the title, then the body
                    after = text[at + title[-1]:]
                    header, resumed = at, at + title[-1] + len(after) - len(after.lstrip())
                    break
            if resumed is None:
                result.append(line)
                continue
            cuts, number = [resumed], expected + bool(operative_number.match(text[resumed:]))
            for gap in BREAK_IN_LINE.finditer(text, resumed):
                at = gap.end()
                numbered = operative_number.match(text[at:])
                if numbered and int(numbered["number"]) == number and _capital(text[at + numbered.end():][:1]):
                    cuts.append(at)
                    number += 1
                elif not numbered and (_capital(text[at:at + 1]) and self.language.leading_phrase(text[at:])
                                       or closing_start and closing_start.regex.match(text[at:])):
                    cuts.append(at)
            expected = number
            if header < resumed:
                start, end = folded.unfold(header, resumed)
                end = start + len(self.source.text[line.start + start:line.start + end].rstrip())
                self.furniture.append(Furniture("running-header", line.start + start, line.start + end))
            pieces = [(0, len(text[:header].rstrip()))]
            pieces += [(cut, len(text[:following].rstrip())) for cut, following in zip(cuts, [*cuts[1:], len(text)])]
            for index, (start, end) in enumerate(pieces):
                source_start, source_end = folded.unfold(start, end)
                result.append(_Line(line.number, line.start + source_start, line.start + source_end, 0,
                                    text[start:end], line.blank_before or index > 0,
                                    line.page_break_before or index == 1))
        return result

    def _numbered(self, line: _Line, operative_number) -> int | None:
        """The number of the paragraph the line opens, if it opens the next one: a list inside
        a paragraph numbers its items anew, and those are not paragraphs. In an instrument a few
        numbers may be missing (a re-extraction that glued paragraphs together)."""
        numbered = operative_number.match(line.folded)
        number = int(numbered["number"]) if numbered else None
        return number if number is not None and 0 <= number - self.next_number <= self.number_gap else None

    def _starts_paragraph(self, line: _Line, previous: _OpenBlock | None, operative_number) -> bool:
        numbered = self._numbered(line, operative_number) is not None
        complete = previous is not None and self._complete(previous, operative_number)
        if self.language.paragraph_start == "indent":
            return line.indent > 0 and (previous is None or numbered or complete)
        if previous is None or numbered:
            return True
        capital = _capital(line.folded[:1])
        opens = self.language.leading_phrase(line.folded) is not None and capital
        set_apart = line.blank_before or line.indent > 0  # pypdf indents a paragraph's first line
        return complete and (opens or (set_apart and capital))

    @staticmethod
    def _complete(block: _OpenBlock, operative_number) -> bool:
        """Whether a paragraph ends here: closing punctuation, and more than a bare number."""
        last = block.lines[-1].folded
        if len(block.lines) == 1:
            numbered = operative_number.match(last)
            if numbered and not last[numbered.end():].strip():
                return False
        return bool(PARAGRAPH_END.search(last))

    def _marker_seen(self, blocks: list[_OpenBlock], number: int) -> bool:
        """Whether a paragraph so far carries the marker of footnote `number` (inline footnotes)."""
        for block in reversed(blocks):
            for line in block.lines:
                if any(int(m["number"] or m["detached"] or m["raised"] or m["slashed"]) == number
                       for m in FOOTNOTE_MARKER.finditer(self.source.text[line.start:line.end])):
                    return True
        return False

    def _unplace(self, line: _Line, why: str) -> None:
        self.warnings.append(Warning(why, line.number, self._block([line])))

    def _footnote(self, number: int, first: _Line, block: _OpenBlock) -> Footnote:
        label = FOOTNOTE_START.match(first.folded)  # "12 " or "[^12]: "
        label_end = fold(self.source.text[first.start:first.end]).unfold(0, label.end())[1]
        rest = _Line(first.number, first.start + label_end, first.end, 0, first.folded[label.end():],
                     False, False)
        return Footnote(number, self._block([rest, *block.lines[1:]]),
                        (first.start, first.start + label_end), first.number)

    def _paragraphs(self, blocks: list[_OpenBlock], numbers: set[int]) -> list[Paragraph]:
        operative_number = self.language.pattern("operative_number")
        paragraphs, expected, counts = [], 1, {"preambular": 0, "operative": 0}
        for block in self._merge_items(blocks, operative_number):
            numbered = operative_number.match(block.lines[0].folded)
            markers = []
            for line in block.lines:
                content = self.source.text[line.start:line.end]
                folded = fold(content)
                found = [(int(m["number"]), m.span(), True) for m in MARKDOWN_MARKER.finditer(folded.text)]
                found += [(int(m["number"] or m["detached"] or m["raised"] or m["slashed"]), m.span(),
                           m["number"] is not None) for m in FOOTNOTE_MARKER.finditer(content)]
                for number, span, glued in sorted(found, key=lambda item: item[1]):
                    repeat = glued and number < expected  # "Court,1": footnote 1 called again
                    if number not in numbers or not (repeat or expected <= number < expected + MARKER_GAP):
                        continue
                    start, end = folded.unfold(*span)
                    if not self.spaced:  # no word spaces: the space after the marker goes too
                        end += len(content[end:]) - len(content[end:].lstrip())
                    markers.append((number, line.start + start, line.start + end))
                    expected = max(expected, number + 1)
            number_span = None
            skip = [(s, e) for _, s, e in markers]
            if numbered:
                first = block.lines[0]
                span = fold(self.source.text[first.start:first.end]).unfold(0, numbered.end())
                number_span = (first.start + span[0], first.start + span[1])
                skip.append(number_span)
            text_block = self._block(block.lines, skip)
            if block.instrument:
                kind, counter = "instrument", block.instrument
            else:
                kind = counter = "operative" if numbered or counts["operative"] else "preambular"
            counts[counter] = counts.get(counter, 0) + 1
            paragraphs.append(Paragraph(
                kind=kind, index=counts[counter],
                number=int(numbered["number"]) if numbered else None,
                block=text_block,
                markers=tuple(Marker(n, s, e, self._offset_in(text_block, s)) for n, s, e in markers),
                line=block.line, number_span=number_span, instrument=block.instrument or None))
        own = [i for i, p in enumerate(paragraphs) if p.kind != "instrument"]
        if own and not counts["operative"]:
            last = paragraphs[own[-1]]
            # a resolution with one operative paragraph does not number it: "Adopts the … annex.",
            # "Adopts the following political declaration …:" before the declaration itself
            text = fold(last.block.text).text.rstrip()
            if SENTENCE_END.search(text) or text.endswith(":") and own[-1] + 1 < len(paragraphs):
                paragraphs[own[-1]] = replace(last, kind="operative", index=1, number=1)
        return paragraphs

    @staticmethod
    def _merge_items(blocks: list[_OpenBlock], operative_number) -> list[_OpenBlock]:
        """Once operative paragraphs have begun, a block that does not open the next one
        (a sub-item "(a) …", a list item numbered anew) belongs to the paragraph before it."""
        merged, next_number = [], 1
        for block in blocks:
            numbered = operative_number.match(block.lines[0].folded)
            gap = INSTRUMENT_NUMBER_GAP if block.instrument else 0
            if merged and block.instrument != merged[-1].instrument:  # an instrument numbers anew
                next_number = 1
                merged.append(block)
                next_number += bool(numbered) and int(numbered["number"]) == 1
            elif numbered and 0 <= int(numbered["number"]) - next_number <= gap:
                next_number = int(numbered["number"]) + 1
                merged.append(block)
            elif next_number > 1:
                merged[-1] = _OpenBlock(merged[-1].line, merged[-1].lines + block.lines, merged[-1].instrument)
            else:
                merged.append(block)
        return merged

    @staticmethod
    def _offset_in(block: Block, source_offset: int) -> int:
        """Where in a block's text a left-out source offset falls."""
        position = 0
        for segment in block.segments:
            position += len(segment.joiner)
            if source_offset <= segment.start:
                return position
            if source_offset < segment.end:
                return position + source_offset - segment.start
            position += segment.end - segment.start
        return position

    def _header_metadata(self, lines: list[_Line]) -> tuple[str | None, dt.date | None]:
        """The agenda item and the date of distribution, where the language reads them."""
        text = SPACE_RUN.sub(" ", " ".join(line.folded for line in lines))
        item = self.language.patterns.get("agenda_item")
        distributed = self.language.patterns.get("distribution_date")
        found_item = item.regex.search(text) if item else None
        found_date = distributed.regex.search(text) if distributed else None
        day = self.language.date(found_date["year"], found_date["month"], found_date["day"]) if found_date else None
        return (SPACE_RUN.sub(" ", found_item["item"]) if found_item else None), day

    def _adoption(self, lines: list[_Line]) -> tuple[dt.date | None, int | None]:
        """The date and meeting of adoption, from the header, title block and closing."""
        texts = [line.folded for line in lines]
        texts.append(SPACE_RUN.sub(" ", " ".join(texts)))
        date_pattern = self.language.pattern("adoption_date_line")
        meeting_pattern = self.language.pattern("meeting_line")
        adopted = meeting = None
        for text in texts:
            found = date_pattern.search(text)
            if found and adopted is None:  # None if not a date after all: the shapes report it
                adopted = self.language.date(found["year"], found["month"], found["day"], lenient=True)
            number = meeting_pattern.search(text)
            if number and meeting is None:
                meeting = int(number["meeting"] or number.groupdict().get("meeting2"))
        return adopted, meeting


def parse(source: Source, language: str | None = None) -> Layout:
    """Take a resolution's text apart into its layout."""
    return _Parser(source, load_language(language or detect_language(source))).parse()
