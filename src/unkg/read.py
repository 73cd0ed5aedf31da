"""Read stage: bytes on disk to a decoded `Source`, and the folded view used for matching.

Offsets everywhere in unkg are code-point offsets into `Source.text`, the decoded file
(byte-order mark removed, nothing else changed), so that provenance spans point at the
file as the user has it.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pypdf
from pypdf.errors import PyPdfError

from .errors import InputError

# Characters that carry no text and that PDF extractors and editors scatter through words.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# A resolution's text is a few hundred kilobytes at most (the corpus's largest, with its
# annexes, is 0.4 MB; its largest PDF 0.4 MB): a file this large is something else.
MAX_BYTES = 20 * 1024 * 1024
# The extractor for PDFs, chosen by measurement on the corpus's four PDFs (README): pypdf
# types as many paragraphs or more, links as many markers and finds as many citations or
# more than pdfminer.six, and it reads the links. Pages are joined with a form feed.
PDF_EXTRACTOR = f"pypdf {pypdf.__version__}"
PAGE_BREAK = "\n\f\n"
# A link to a UN document: https://undocs.org/A/RES/62/217, …/ch/A/74/20 (language, then symbol).
UNDOCS_LINK = re.compile(r"^https?://undocs\.org/(?:(?:ar|ch|zh|en|fr|ru|es)/)?(?P<symbol>[A-Z].+?)/?$")


@dataclass(frozen=True)
class Source:
    """A decoded input file."""

    path: str
    text: str
    sha256: str
    encoding: str  # the text's encoding, or the extractor that took the text out of a PDF
    links: tuple[str, ...] = ()  # symbols the file links to undocs.org (PDF link annotations)


@dataclass(frozen=True)
class Folded:
    """`text` folded for matching (NFKC per character, invisibles dropped).

    `origin[i]` is the offset in the unfolded string of the character that produced
    `text[i]`; `origin[len(text)]` is the unfolded length, so spans map back whole.
    """

    text: str
    origin: tuple[int, ...]

    def unfold(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the folded text back to the unfolded string."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


@cache
def fold_character(char: str) -> str:
    """One character folded: NFKC for non-ASCII, nothing for an invisible."""
    if char in INVISIBLE:
        return ""
    return unicodedata.normalize("NFKC", char) if ord(char) > 0x7F else char


def fold(text: str) -> Folded:
    """Fold full-width forms, ideographic digits' variants and invisibles to plain forms.

    Per-character NFKC turns "２．" into "2." and "，" into ",", so one pattern serves both
    forms; the origin map keeps every match traceable to the original characters. Runs of
    characters that fold to one character each are translated whole; only those that vanish
    or expand ("㈠" to "(一)") are placed one by one.
    """
    if text.isascii():  # no invisible or full-width character is ASCII
        return Folded(text, tuple(range(len(text) + 1)))
    changed = {char: folded for char in set(text) if (folded := fold_character(char)) != char}
    table = str.maketrans(changed)
    uneven = "".join(char for char, folded in changed.items() if len(folded) != 1)
    if not uneven:
        return Folded(text.translate(table), tuple(range(len(text) + 1)))
    out: list[str] = []
    origin: list[int] = []
    start = 0
    for match in re.finditer(f"[{re.escape(uneven)}]", text):
        at = match.start()
        out.append(text[start:at].translate(table))
        origin.extend(range(start, at))
        out.append(changed[text[at]])
        origin.extend([at] * len(changed[text[at]]))
        start = at + 1
    out.append(text[start:].translate(table))
    origin.extend(range(start, len(text) + 1))
    return Folded("".join(out), tuple(origin))


def read_pdf(path: str, data: bytes) -> tuple[str, tuple[str, ...]]:
    """A PDF's text layer (pages joined by form feeds) and the symbols its links point at."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        links = []
        for page in reader.pages:
            for annotation in page.get("/Annots") or []:
                action = annotation.get_object().get("/A") or {}
                target = UNDOCS_LINK.match(str(action.get("/URI") or ""))
                if target:
                    links.append(target["symbol"])
    except (PyPdfError, ValueError, KeyError) as error:
        raise InputError(path, f"the PDF cannot be read ({error})", "check that the file is whole") from None
    if not "".join(pages).strip():
        raise InputError(path, f"the PDF has no text layer: its {len(pages)} pages are scanned images",
                         "run OCR on it first (e.g. ocrmypdf) and build the PDF or text that gives")
    return PAGE_BREAK.join(pages), tuple(dict.fromkeys(links))


def _decode(path: str, data: bytes) -> tuple[str, str]:
    """Decode bytes, trying the encodings UN texts come in; refuse binary data."""
    if not data.strip():
        raise InputError(path, "the file is empty", "give a resolution's text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if b"\x00" in data:
        raise InputError(path, "the file is binary (it contains NUL bytes)",
                         "give the resolution as UTF-8 text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":
            raise InputError(path, "the file ends inside a character: it is truncated",
                             "get the whole file again") from None
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise InputError(path, f"the file is not UTF-8 text (bad byte at {error.start})",
                             "convert it to UTF-8") from None


def read_source(path: str | Path) -> Source:
    """Read and decode one input file."""
    path = str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            raise InputError(path, f"the file is {size / 2**20:.1f} MB, too large to be a resolution "
                             f"(unkg reads up to {MAX_BYTES // 2**20} MB)", "check that it is a resolution's text")
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot read the file ({error.strerror})",
                         "check the path") from None
    sha256 = hashlib.sha256(data).hexdigest()
    if data.startswith(b"%PDF"):
        text, links = read_pdf(path, data)
        return Source(path=path, text=text, sha256=sha256, encoding=PDF_EXTRACTOR, links=links)
    text, encoding = _decode(path, data)
    return Source(path=path, text=text, sha256=sha256, encoding=encoding)
