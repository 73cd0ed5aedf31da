"""Parse stage: a resolution's extracted PDF text to its `Layout`.

The text comes as a PDF extractor leaves it: lines wrapped mid-sentence with blank lines
between them, a paragraph marked only by the indent of its first line, pages that start
with a deeper indent, footnote blocks after a line of underscores, undocs.org links at
the foot of pages, and footnote markers glued to words. The parser rebuilds paragraphs
and footnotes and keeps, for each, the source segments it was rebuilt from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .errors import InputError
from .lexicon import Language, load_language
from .model import Block, Footnote, Furniture, Layout, Marker, Paragraph, Segment, Warning
from .read import Source, fold

# Language-independent page furniture.
FOOTNOTE_SEPARATOR = re.compile(r"^\s*_{5,}\s*$")  # the rule above a page's footnotes
PAGE_LINK = re.compile(r"^\s*https?://undocs\.org/\S*\s*$")  # links printed at the foot of a page
# The number that opens a footnote, then its text.
FOOTNOTE_START = re.compile(r"^\s*(?P<number>\d{1,3})\s+(?=\S)")
# A footnote marker: digits glued to the word or punctuation before them (not to a digit,
# a letter, an opening bracket, '/', '.', '-' of a symbol or range), followed by a space,
# the end of the line or a CJK character. Only the number expected next is taken.
FOOTNOTE_MARKER = re.compile(
    r"""(?<= [^\s\dA-Za-z(《“‘/.\-] )   # glued to a word or closing punctuation
        (?P<number> \d{1,3} )
        (?= \s | $ | [\u3400-\u9fff] )    # then a space, the end of the line or a CJK character
    """, re.VERBOSE)
# What ends a paragraph: a comma after a preambular paragraph, a semicolon or full stop
# after an operative one, a colon before a list (folded forms), maybe then a marker.
PARAGRAPH_END = re.compile(r"[,;。:.]\s*(?:\d{1,3})?\s*$")
# A language given in the file name: A_RES_78_72.zh.txt
LANGUAGE_IN_NAME = re.compile(r"\.(?P<language>ar|zh|en|fr|ru|es)\.[A-Za-z]+$")
CJK = re.compile(r"[\u3400-\u9fff]")


def detect_language(source: Source) -> str:
    """The text's language: from the file name if it says, else from its script."""
    named = LANGUAGE_IN_NAME.search(source.path)
    if named:
        return named["language"]
    sample = source.text[:4000]
    return "zh" if len(CJK.findall(sample)) > 0.2 * max(1, len(sample.strip())) else "en"


@dataclass
class _Line:
    number: int  # 1-based
    start: int  # content start (after leading whitespace)
    end: int  # content end (before trailing whitespace)
    indent: int
    folded: str  # folded content


@dataclass
class _OpenBlock:
    line: int
    lines: list[_Line] = field(default_factory=list)


def _lines(text: str) -> list[_Line]:
    out, offset = [], 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        body = raw.rstrip("\r\n")
        content = body.strip()
        if content:
            start = offset + len(body) - len(body.lstrip())
            out.append(_Line(number, start, start + len(content),
                             len(body) - len(body.lstrip()), fold(content).text))
        offset += len(raw)
    return out


class _Parser:
    def __init__(self, source: Source, language: Language):
        self.source = source
        self.language = language
        self.furniture: list[Furniture] = []
        self.unplaced: list[Warning] = []

    def fail(self, line: _Line | None, message: str, remedy: str) -> InputError:
        return InputError(self.source.path, message, remedy, line.number if line else None)

    def parse(self) -> Layout:
        lines = _lines(self.source.text)
        if not lines:
            raise self.fail(None, "the file has no text", "give a resolution's text")
        title_line, *rest = lines
        title = self.language.pattern("title_line").match(title_line.folded)
        if not title:
            raise self.fail(title_line, "not a resolution: the first line is not "
                            "'session/number. title' (as '78/72. 和平利用外层空间方面的国际合作')",
                            "give the text of a resolution as extracted from its PDF")
        formula_index = next((i for i, line in enumerate(rest)
                              if self.language.formula_body(line.folded)), None)
        if formula_index is None:
            raise self.fail(title_line, "not a resolution: no formula line such as '大会，' "
                            "after the title", "check that the text is a whole resolution")
        title_lines, formula_line = [title_line, *rest[:formula_index]], rest[formula_index]
        paragraphs, footnotes, closing = self._body(rest[formula_index + 1:])
        adopted, meeting = self._closing(closing)
        title_block = self._block(title_lines)
        title_match = self.language.pattern("title_line").match(title_block.text)
        return Layout(
            source=self.source,
            language=self.language.code,
            session=int(title["session"]),
            number=int(title["number"]),
            title=title_block,
            title_text=title_match["title"] if title_match else title["title"],
            formula=self._block([formula_line]),
            body=self.language.formula_body(formula_line.folded),
            paragraphs=tuple(paragraphs),
            footnotes=tuple(footnotes),
            closing=tuple(self._block([line]) for line in closing),
            adopted=adopted,
            meeting=meeting,
            furniture=tuple(self.furniture),
            unplaced=tuple(self.unplaced),
        )

    def _block(self, lines: list[_Line], skip: list[tuple[int, int]] = ()) -> Block:
        """Join lines into a block, leaving out the source spans in `skip`."""
        segments, joiner = [], ""
        for line in lines:
            cuts = sorted((s, e) for s, e in skip if line.start <= s < line.end)
            position = line.start
            for cut_start, cut_end in cuts:
                if cut_start > position:
                    segments.append(Segment(position, cut_start, joiner))
                    joiner = ""
                position = max(position, cut_end)
            if position < line.end:
                segments.append(Segment(position, line.end, joiner))
            joiner = self.language.line_joiner
        if not segments:  # a line that was all marker: keep an empty block at its place
            segments = [Segment(lines[0].start, lines[0].start)]
        return Block.build(self.source.text, segments)

    def _body(self, lines: list[_Line]):
        operative_number = self.language.pattern("operative_number")
        closing_patterns = (self.language.pattern("adoption_date_line"),
                            self.language.pattern("meeting_line"))
        open_paragraphs: list[_OpenBlock] = []
        open_footnotes: list[tuple[int, _Line, _OpenBlock]] = []
        closing: list[_Line] = []
        in_footnotes = False
        for line in lines:
            if FOOTNOTE_SEPARATOR.match(line.folded):
                self.furniture.append(Furniture("footnote-separator", line.start, line.end))
                in_footnotes = True
                continue
            if PAGE_LINK.match(line.folded):
                self.furniture.append(Furniture("page-link", line.start, line.end))
                in_footnotes = False
                continue
            if in_footnotes and (line.indent >= 2 or operative_number.match(line.folded)):
                in_footnotes = False  # a new page starts, or a numbered paragraph ("1.", not "1 ")
            if in_footnotes:
                start = FOOTNOTE_START.match(line.folded)
                expected = len(open_footnotes) + 1
                if start and int(start["number"]) == expected:
                    open_footnotes.append((expected, line, _OpenBlock(line.number, [line])))
                elif open_footnotes:
                    open_footnotes[-1][2].lines.append(line)
                else:
                    self._unplace(line, "text after a footnote separator is not a footnote")
                continue
            if any(p.match(line.folded) for p in closing_patterns):
                closing.append(line)
                continue
            previous = open_paragraphs[-1] if open_paragraphs else None
            starts = line.indent > 0 and (
                previous is None or operative_number.match(line.folded)
                or PARAGRAPH_END.search(previous.lines[-1].folded))
            if starts:
                open_paragraphs.append(_OpenBlock(line.number, [line]))
            elif previous is not None:
                previous.lines.append(line)
            else:
                self._unplace(line, "text before the first paragraph")
        footnotes = [self._footnote(number, first, block) for number, first, block in open_footnotes]
        return self._paragraphs(open_paragraphs, len(footnotes)), footnotes, closing

    def _unplace(self, line: _Line, why: str) -> None:
        self.unplaced.append(Warning(why, line.number, self._block([line])))

    def _footnote(self, number: int, first: _Line, block: _OpenBlock) -> Footnote:
        label = FOOTNOTE_START.match(first.folded)
        label_end = fold(self.source.text[first.start:first.end]).unfold(0, label.end())[1]
        rest = _Line(first.number, first.start + label_end, first.end, 0, first.folded[label.end():])
        return Footnote(number, self._block([rest, *block.lines[1:]]),
                        (first.start, first.start + label_end), first.number)

    def _paragraphs(self, blocks: list[_OpenBlock], footnote_count: int) -> list[Paragraph]:
        operative_number = self.language.pattern("operative_number")
        paragraphs, expected, counts = [], 1, {"preambular": 0, "operative": 0}
        for block in blocks:
            markers = []
            for line in block.lines:
                content = self.source.text[line.start:line.end]
                folded = fold(content)
                for match in FOOTNOTE_MARKER.finditer(folded.text):
                    if int(match["number"]) != expected or expected > footnote_count:
                        continue
                    start, end = folded.unfold(*match.span())
                    if not self.language.line_joiner:  # no word spaces: the space after goes too
                        end += len(content[end:]) - len(content[end:].lstrip())
                    markers.append((expected, line.start + start, line.start + end))
                    expected += 1
            numbered = operative_number.match(block.lines[0].folded)
            number_span = None
            skip = [(s, e) for _, s, e in markers]
            if numbered:
                first = block.lines[0]
                span = fold(self.source.text[first.start:first.end]).unfold(0, numbered.end())
                number_span = (first.start + span[0], first.start + span[1])
                skip.append(number_span)
            text_block = self._block(block.lines, skip)
            kind = "operative" if numbered or counts["operative"] else "preambular"
            counts[kind] += 1
            paragraphs.append(Paragraph(
                kind=kind, index=counts[kind],
                number=int(numbered["number"]) if numbered else None,
                block=text_block,
                markers=tuple(Marker(n, s, e, self._offset_in(text_block, s)) for n, s, e in markers),
                line=block.line, number_span=number_span))
        return paragraphs

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

    def _closing(self, closing: list[_Line]) -> tuple[dt.date | None, int | None]:
        adopted = meeting = None
        for line in closing:
            date = self.language.pattern("date").search(line.folded)
            number = self.language.pattern("meeting_line").match(line.folded)
            if number:
                meeting = int(number["meeting"])
            elif date:
                adopted = dt.date(int(date["year"]), int(date["month"]), int(date["day"]))
        return adopted, meeting


def parse(source: Source, language: str | None = None) -> Layout:
    """Take a resolution's text apart into its layout."""
    return _Parser(source, load_language(language or detect_language(source))).parse()
