"""Accuracy of extraction against gold annotations of real documents (`unkg eval`).

A gold file (tests/gold/*.gold.json) is written by reading one document of the corpus. Each
kind of fact is compared as a set of items, so precision and recall count exactly what
was found wrongly and what was missed:

    paragraphs   (label, opening words): a wrong split or kind costs both; the gold's
                 opening (at least 8 characters) must begin the paragraph found
    phrases      (paragraph, leading-phrase concept)
    resolutions  (citing paragraph, resolution symbol)
    documents    (citing paragraph, document symbol)
    treaties     (citing paragraph, Treaty Series key)
    bodies       body key, once per document
    sessions     (body, ordinal, "session" or "meeting")
    dates        ("adopted", date) and (resolution cited, the date the text gives it)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import UnkgError
from .iris import normalise_symbol
from .model import Extraction
from .pipeline import read_resolution

KINDS = ("paragraphs", "phrases", "resolutions", "documents", "treaties", "bodies", "sessions", "dates")
OPENING_CHARACTERS = 24  # letters, digits and ideographs; spaces and punctuation do not count
SHORTEST_OPENING = 8
WORD = re.compile(r"\w+")


def opening(text: str, length: int | None = OPENING_CHARACTERS) -> str:
    """A paragraph's opening, lower-cased and without spaces or punctuation, so that it
    compares the same in Chinese and in English and whatever the extractor's spacing."""
    return "".join(WORD.findall(text.lower()))[:length]


def _match_openings(gold: set[tuple], found: set[tuple]) -> set[tuple]:
    """Found paragraphs, each cut to the gold opening it begins with (same label)."""
    prefixes = {label: text for label, text in gold}
    return {(label, prefixes[label]) if label in prefixes and text.startswith(prefixes[label])
            else (label, text[:OPENING_CHARACTERS]) for label, text in found}


def predicted(extraction: Extraction) -> dict[str, set[tuple]]:
    """The facts an extraction states, as items comparable with gold."""
    items: dict[str, set[tuple]] = {kind: set() for kind in KINDS}
    for paragraph in extraction.layout.paragraphs:
        items["paragraphs"].add((paragraph.label, opening(paragraph.block.text, None)))
    for phrase in extraction.phrases:
        items["phrases"].add((phrase.paragraph.label, phrase.concept))
    kinds = {"resolution": "resolutions", "document": "documents", "treaty": "treaties"}
    for citation in extraction.citations:
        if citation.target.kind in kinds:
            items[kinds[citation.target.kind]].add((citation.paragraph.label, citation.target.key))
        if citation.date_given:
            items["dates"].add((citation.target.key, citation.date_given.isoformat()))
    items["bodies"] = {(mention.body,) for mention in extraction.bodies}
    items["sessions"] = {(s.body, s.ordinal, s.kind) for s in extraction.sessions}
    if extraction.layout.adopted:
        items["dates"].add(("adopted", extraction.layout.adopted.isoformat()))
    return items


def gold_items(gold: dict) -> dict[str, set[tuple]]:
    """A gold file's facts as items; symbols are normalised as the extractor writes them."""
    def symbol(value: str) -> str:
        return normalise_symbol(value)

    return {
        "paragraphs": {(label, opening(text, None)) for label, text in gold["paragraphs"]},
        "phrases": {tuple(item) for item in gold["phrases"]},
        "resolutions": {(label, symbol(target)) for label, target in gold["resolutions"]},
        "documents": {(label, symbol(target)) for label, target in gold["documents"]},
        "treaties": {tuple(item) for item in gold["treaties"]},
        "bodies": {(body,) for body in gold["bodies"]},
        "sessions": {(body, ordinal, kind) for body, ordinal, kind in gold["sessions"]},
        "dates": {(symbol(target) if target != "adopted" else target, date) for target, date in gold["dates"]},
    }


@dataclass(frozen=True)
class Score:
    kind: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float | None:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else None

    @property
    def recall(self) -> float | None:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else None


@dataclass(frozen=True)
class DocumentResult:
    source: str
    scores: tuple[Score, ...]
    missed: dict[str, list[tuple]]
    wrong: dict[str, list[tuple]]
    linked: int | None = None  # symbols the PDF links to undocs.org
    linked_found: int | None = None  # … that the extraction finds


def score(gold: dict[str, set[tuple]], found: dict[str, set[tuple]]) -> tuple[Score, ...]:
    return tuple(Score(kind, len(gold[kind] & found[kind]), len(found[kind] - gold[kind]),
                       len(gold[kind] - found[kind])) for kind in KINDS)


def evaluate_document(gold_path: Path, corpus: Path) -> DocumentResult:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    source = corpus / gold["source"]
    if not source.is_file():
        raise UnkgError(f"{gold_path}: its source {source} is not there",
                        "give --corpus the folder that holds ga/, sc/ and drafts/")
    extraction = read_resolution(source)
    expected, found = gold_items(gold), predicted(extraction)
    short = [text for _, text in expected["paragraphs"] if len(text) < SHORTEST_OPENING]
    if short:
        raise UnkgError(f"{gold_path}: the paragraph opening {short[0]!r} is too short to tell paragraphs apart",
                        f"give at least {SHORTEST_OPENING} letters or ideographs")
    found["paragraphs"] = _match_openings(expected["paragraphs"], found["paragraphs"])
    linked = linked_found = None
    if extraction.layout.source.links:
        links = {normalise_symbol(s) for s in extraction.layout.source.links}
        extracted = {c.target.key for c in extraction.citations} | {r.symbol for r in extraction.references}
        linked, linked_found = len(links), len(links & extracted)
    return DocumentResult(
        gold["source"], score(expected, found),
        {kind: sorted(expected[kind] - found[kind]) for kind in KINDS},
        {kind: sorted(found[kind] - expected[kind]) for kind in KINDS},
        linked, linked_found)


def evaluate(gold_dir: Path, corpus: Path) -> list[DocumentResult]:
    paths = sorted(gold_dir.glob("*.gold.json"))
    if not paths:
        raise UnkgError(f"no gold files (*.gold.json) in {gold_dir}", "give --gold the folder of gold files")
    return [evaluate_document(path, corpus) for path in paths]


def totals(results: list[DocumentResult]) -> tuple[Score, ...]:
    """Micro-averaged scores over all documents, per kind."""
    return tuple(Score(kind, *(sum(getattr(s, field) for r in results for s in r.scores if s.kind == kind)
                               for field in ("true_positives", "false_positives", "false_negatives")))
                 for kind in KINDS)
