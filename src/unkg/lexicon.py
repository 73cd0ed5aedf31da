"""The declarative mappers (`mappers/`): loaded, schema-checked and compiled once.

Adding a language is adding `mappers/languages/<code>.json` and its labels in the
tables; no code changes.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass
from functools import cache

import cn2an
import jsonschema
from babel.dates import get_month_names
from num2words import num2words
from referencing import Registry, Resource

from .errors import DataError
from .read import fold
from .resources import data_dir, data_file

# <<name>> in a pattern inserts the named pattern or symbol fragment.
FRAGMENT_REFERENCE = re.compile(r"<<(?P<name>\w+)>>")
# Spelled-out ordinals are read up to this number ("two hundred and fiftieth" session).
ORDINAL_RANGE = 250
# A number written in figures, maybe with an English ordinal suffix: 66, 66th, 1382nd.
FIGURES = re.compile(r"^(\d+)(?:st|nd|rd|th)?$")
# Named groups of an inserted fragment become plain groups, so a fragment may be used twice.
NAMED_GROUP = re.compile(r"\(\?P<\w+>")


@cache
def _schema_registry() -> Registry:
    resources = []
    for path in data_dir("mappers", "schemas").iterdir():
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


def load_json(*parts: str, schema: str) -> dict:
    """Load one mapper file and check it against its schema."""
    name = "/".join(parts)
    try:
        document = json.loads(data_file("mappers", *parts).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise DataError(f"mappers/{name}:{error.lineno}: {error.msg}", "fix the JSON") from None
    registry = _schema_registry()
    validator = jsonschema.Draft202012Validator(
        registry.contents(f"https://w3id.org/unkg/schemas/{schema}"), registry=registry)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top)"
        raise DataError(f"mappers/{name}: at {where}: {first.message}",
                        f"see mappers/schemas/{schema}")
    return document


@dataclass(frozen=True)
class Pattern:
    """A compiled mapper pattern with the examples it must match and must not."""

    name: str
    regex: re.Pattern
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]
    symbol_template: str | None = None


@dataclass(frozen=True)
class LeadingPhrase:
    """The phrase that opens a paragraph: its concept, modifiers and extent in the text."""

    concept: str
    modifiers: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True)
class Language:
    """One language's lexicon: formulas, leading phrases, modifiers and patterns."""

    code: str
    line_joiner: str
    formulas: tuple[tuple[str, str], ...]  # (form, body key)
    phrases: dict[str, str]  # form -> concept
    modifiers: dict[str, str]  # form -> modifier
    opening: re.Pattern  # a paragraph's opening: modifiers, a phrase, modifiers
    modifier_forms: re.Pattern  # any one modifier's form, to list those an opening holds
    patterns: dict[str, Pattern]
    months: dict[str, int]  # lower-cased CLDR month name -> month
    ordinals: dict[str, int]  # lower-cased spelled-out ordinal -> value
    raw: dict

    @property
    def session_kinds(self) -> dict[str, str]:
        """Session words -> the session's kind ("届常会": "ordinary")."""
        return {k: v for k, v in self.raw.get("session_kinds", {}).items() if k != "#"}

    @property
    def paragraph_start(self) -> str:
        return self.raw["paragraph_start"]

    def number(self, text: str) -> int:
        """The value of a number in figures, Chinese numerals or ordinal words."""
        text = text.strip()
        figures = FIGURES.match(text)
        if figures:
            return int(figures[1])
        if text.lower() in self.ordinals:
            return self.ordinals[text.lower()]
        return int(cn2an.cn2an(text, "strict"))

    def month(self, text: str, lenient: bool = False) -> int:
        """A month in figures or by its name; `lenient` forgives one OCR slip ("Apri]")."""
        if text.isdigit():
            return int(text)
        name = text.lower()
        if name not in self.months and lenient:
            close = difflib.get_close_matches(name, self.months, n=1, cutoff=0.75)
            name = close[0] if close else name
        if name not in self.months:
            raise DataError(f"{text!r} is not a month name in {self.code}",
                            "check the date in the text")
        return self.months[name]

    def date(self, year: str, month: str, day: str, lenient: bool = False) -> dt.date | None:
        """A date as written, or None when no such day exists: a line break can cut "20"
        into a "2" taken for a footnote marker and a "0"."""
        try:
            return dt.date(int(year), self.month(month, lenient), int(day))
        except (DataError, ValueError):
            return None

    def pattern(self, name: str) -> re.Pattern:
        try:
            return self.patterns[name].regex
        except KeyError:
            raise DataError(f"mappers/languages/{self.code}.json has no pattern {name!r}",
                            f"add it; known: {', '.join(sorted(self.patterns))}") from None

    def leading_phrase(self, text: str, start: int = 0) -> LeadingPhrase | None:
        """The leading phrase at `start` of a folded paragraph text, with its modifiers. In a
        declaration the first person may come first ("We also welcome"): the phrase is read
        after it as if it opened the paragraph ("Also welcome")."""
        match = self.opening.match(text, start)
        subject = self.patterns.get("instrument_subject")
        if not match and subject and (found := subject.regex.match(text[start:])):
            at = len(text) - len(text[start + found.end():].lstrip())
            match = self.opening.match(text[:at] + text[at:at + 1].upper() + text[at + 1:], at)
        if not match:
            return None
        found = [self.modifiers[m] for part in (match["before"], match["after"] or "")
                 for m in self.modifier_forms.findall(part)]
        return LeadingPhrase(self.phrases[match["phrase"]], tuple(found), start, match.end())

    def formula_body(self, folded_line: str) -> str | None:
        """The body key of a formula line ("大会,", "The General Assembly,")."""
        line = folded_line.strip()
        for form, body in self.formulas:
            if line == form:
                return body
        return None


def _month_names(code: str) -> dict[str, int]:
    """CLDR month names (format and stand-alone, wide and abbreviated) through Babel."""
    names = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for month, name in get_month_names(width, context=context, locale=code).items():
                names.setdefault(fold(name).text.lower().rstrip("."), month)
    return names


def _ordinal_words(code: str, ordinals: dict) -> dict[str, int]:
    """Spelled-out ordinals through num2words, in every gender it writes ("семьдесят восьмая
    сессия") and in the lexicon's other endings ("семьдесят девятой"), when the lexicon says
    num2words writes the language's ordinals."""
    if ordinals["source"] == "parts":
        return _composed_ordinals(ordinals["parts"])
    if ordinals["source"] != "num2words":  # Chinese: 第 + a numeral (cn2an)
        return {}
    words = {}
    for value in range(1, ORDINAL_RANGE + 1):
        for gender in ({}, {"gender": "f"}, {"gender": "n"}):
            try:
                word = fold(num2words(value, to="ordinal", lang=code, **gender)).text.lower()
            except TypeError:
                break  # the language has no genders in num2words
            words.setdefault(word, value)
            for ending, others in ordinals.get("endings", {}).items():
                if word.endswith(ending):
                    for other in others:
                        words.setdefault(word[:-len(ending)] + other, value)
    return words


def _composed_ordinals(parts: dict) -> dict[str, int]:
    """Ordinals 1 to 99 composed from a lexicon's parts: units, the tenth, compound units with
    the teen word, and unit + "and" + ten in each case the lexicon gives (Arabic: الثامنة
    والسبعون, الثامنة والسبعين)."""
    words = {unit: value for value, unit in enumerate(parts["units"], 1)}
    words[parts["ten"]] = 10
    words |= {f"{unit} {parts['teen']}": value for value, unit in enumerate(parts["compound_units"], 11)}
    for ten, forms in zip(range(20, 100, 10), parts["tens"], strict=True):
        for form in forms:
            words[form] = ten
            words |= {f"{unit} {parts['and']}{form}": ten + value
                      for value, unit in enumerate(parts["compound_units"], 1)}
    return {fold(word).text.lower(): value for word, value in words.items()}


def _literal_fragment(forms, examples) -> dict:
    """A fragment matching any of `forms` in any case, longest first; nothing if no forms."""
    pattern = f"(?i: {_alternatives(forms)} )" if forms else "(?!)"
    return {"pattern": [pattern], "examples": list(examples)}


def _compile_patterns(entries: dict, fragments: dict, where: str) -> dict[str, Pattern]:
    sources = {name: "\n".join(entry["pattern"]) for name, entry in {**fragments, **entries}.items()}

    def expand(name: str, stack: tuple[str, ...]) -> str:
        if name in stack:
            raise DataError(f"{where}: pattern {name!r} includes itself", "remove the cycle")
        if name not in sources:
            raise DataError(f"{where}: unknown pattern <<{name}>>",
                            f"known: {', '.join(sorted(sources))}")

        def insert(match: re.Match) -> str:
            inner = expand(match["name"], (*stack, name))
            return "(?:" + NAMED_GROUP.sub("(?:", inner) + ")"

        return FRAGMENT_REFERENCE.sub(insert, sources[name])

    compiled = {}
    for name, entry in {**fragments, **entries}.items():
        try:
            regex = re.compile(expand(name, ()), re.VERBOSE)
        except re.error as error:
            raise DataError(f"{where}: pattern {name!r} does not compile: {error}",
                            "fix the regex") from None
        compiled[name] = Pattern(name, regex, tuple(entry["examples"]),
                                 tuple(entry.get("counterexamples", ())),
                                 entry.get("symbol_template"))
    return compiled


@cache
def compile_table(name: str, key: str) -> dict[str, Pattern]:
    """The patterns of one table of mappers/ (e.g. layout.json's furniture)."""
    return _compile_patterns(load_json(name, schema="tables.schema.json")[key], {}, f"mappers/{name}")


@cache
def symbol_fragments() -> dict:
    return load_json("symbols.json", schema="tables.schema.json")["fragments"]


@cache
def symbol_patterns() -> dict[str, Pattern]:
    return _compile_patterns({}, symbol_fragments(), "mappers/symbols.json")


@cache
def languages() -> tuple[str, ...]:
    """The codes of the languages that have a lexicon."""
    return tuple(sorted(p.name.removesuffix(".json")
                        for p in data_dir("mappers", "languages").iterdir()
                        if p.name.endswith(".json")))


@cache
def load_language(code: str) -> Language:
    if code not in languages():
        raise DataError(f"no lexicon for language {code!r}",
                        f"add mappers/languages/{code}.json; known: {', '.join(languages())}")
    raw = load_json("languages", f"{code}.json", schema="language.schema.json")
    concepts = {c["id"] for c in load_concepts()["concepts"]}
    modifiers = {m["id"] for m in load_concepts()["modifiers"]}
    for phrase in raw["phrases"]:
        if phrase["concept"] not in concepts:
            raise DataError(f"mappers/languages/{code}.json: unknown concept {phrase['concept']!r}",
                            "add it to mappers/concepts.json")
    for modifier in raw["modifiers"]:
        if modifier["modifier"] not in modifiers:
            raise DataError(f"mappers/languages/{code}.json: unknown modifier {modifier['modifier']!r}",
                            "add it to mappers/concepts.json")

    months, ordinals = _month_names(code), _ordinal_words(code, raw["ordinals"])
    builtins = {"month_name": _literal_fragment(months, list(months)[:1]),
                "ordinal_word": _literal_fragment(ordinals, list(ordinals)[:1])}
    phrases = {fold(form).text: p["concept"] for p in raw["phrases"] for form in p["forms"]}
    if raw["line_joiner"]:  # after a modifier the verb is lower-case: "Once again urges"
        phrases |= {form[0].lower() + form[1:]: concept for form, concept in list(phrases.items())}
    before = {fold(form).text: m["modifier"] for m in raw["modifiers"] for form in m["forms"]
              if m.get("position", "before") == "before"}
    after = {fold(form).text: m["modifier"] for m in raw["modifiers"] for form in m["forms"]
             if m.get("position") == "after"}
    return Language(
        code=code,
        line_joiner=raw["line_joiner"],
        formulas=tuple((fold(form).text, f["body"]) for f in raw["formulas"] for form in f["forms"]),
        phrases=phrases,
        modifiers={**before, **after},
        opening=_opening(phrases, before, after, spaced=bool(raw["line_joiner"])),
        modifier_forms=re.compile(_alternatives({**before, **after}) or "(?!)"),
        patterns=_compile_patterns(raw["patterns"], {**symbol_fragments(), **builtins},
                                   f"mappers/languages/{code}.json"),
        months=months,
        ordinals=ordinals,
        raw=raw,
    )


def _alternatives(forms) -> str:
    """A regex alternation of literal forms, longest first (alternation takes the first that fits)."""
    return "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))


def _opening(phrases: dict, before: dict, after: dict, spaced: bool) -> re.Pattern:
    """A paragraph's opening: modifiers before the phrase ("Also", "又", "满意地"), the phrase,
    modifiers after it ("also", "with satisfaction"); in spaced scripts, whole words only."""
    gap = r"\s+" if spaced else r"\s*"
    end = r"(?![^\W\d_])" if spaced else ""
    before_part = f"(?:(?:{_alternatives(before)}){gap})*" if before else ""
    after_part = f"(?:{gap}(?:{_alternatives(after)}){end})*" if after else ""
    return re.compile(f"(?P<before>{before_part})(?P<phrase>{_alternatives(phrases)}){end}"
                      f"(?P<after>{after_part})")


@cache
def load_concepts() -> dict:
    return load_json("concepts.json", schema="tables.schema.json")


@cache
def load_bodies() -> dict:
    return load_json("bodies.json", schema="tables.schema.json")


@cache
def load_treaties() -> dict:
    return load_json("treaties.json", schema="tables.schema.json")


@cache
def load_frameworks() -> dict:
    return load_json("frameworks.json", schema="tables.schema.json")
