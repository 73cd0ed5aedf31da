"""The declarative mappers (`mappers/`): loaded, schema-checked and compiled once.

Adding a language is adding `mappers/languages/<code>.json` and its labels in the
tables; no code changes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

import jsonschema
from referencing import Registry, Resource

from .errors import DataError
from .resources import data_file, data_dir

# <<name>> in a pattern inserts the named pattern or symbol fragment.
FRAGMENT_REFERENCE = re.compile(r"<<(?P<name>\w+)>>")
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
    phrase_forms: tuple[tuple[str, str], ...]  # (form, concept), longest form first
    modifier_forms: tuple[tuple[str, str], ...]  # (form, modifier), longest form first
    patterns: dict[str, Pattern]
    raw: dict

    def pattern(self, name: str) -> re.Pattern:
        try:
            return self.patterns[name].regex
        except KeyError:
            raise DataError(f"mappers/languages/{self.code}.json has no pattern {name!r}",
                            f"add it; known: {', '.join(sorted(self.patterns))}") from None

    def leading_phrase(self, text: str, start: int = 0) -> LeadingPhrase | None:
        """The leading phrase at `start` of a folded paragraph text, modifiers first."""
        position, modifiers = start, []
        while True:
            for form, modifier in self.modifier_forms:
                if text.startswith(form, position):
                    modifiers.append(modifier)
                    position += len(form)
                    break
            else:
                break
        for form, concept in self.phrase_forms:
            if text.startswith(form, position):
                return LeadingPhrase(concept, tuple(modifiers), start, position + len(form))
        return None

    def formula_body(self, folded_line: str) -> str | None:
        """The body key of a formula line ("大会,", "The General Assembly,")."""
        line = folded_line.strip()
        for form, body in self.formulas:
            if line == form:
                return body
        return None


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

    def longest_first(pairs):
        return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))

    return Language(
        code=code,
        line_joiner=raw["line_joiner"],
        formulas=tuple((form, f["body"]) for f in raw["formulas"] for form in f["forms"]),
        phrase_forms=longest_first((form, p["concept"]) for p in raw["phrases"] for form in p["forms"]),
        modifier_forms=longest_first((form, m["modifier"]) for m in raw["modifiers"] for form in m["forms"]),
        patterns=_compile_patterns(raw["patterns"], symbol_fragments(), f"mappers/languages/{code}.json"),
        raw=raw,
    )


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
