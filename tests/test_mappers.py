"""Every mapper entry is checked against its own examples, both ways."""

from __future__ import annotations

import json

import jsonschema
import pytest
from rdflib import RDF, SKOS

from unkg.extract import _framework_patterns, _gazetteer
from unkg.lexicon import (languages, load_bodies, load_concepts, load_frameworks, load_language,
                          load_treaties, symbol_patterns)
from unkg.iris import Iris
from unkg.mapping import reference_graph
from unkg.read import fold
from unkg.resources import data_file
from unkg.vocab import UNKG


def pattern_cases():
    for code in languages():
        for name, pattern in load_language(code).patterns.items():
            if name in symbol_patterns():
                continue  # checked once, below
            yield pytest.param(code, pattern, id=f"{code}:{name}")
    for name, pattern in symbol_patterns().items():
        yield pytest.param("symbols", pattern, id=f"symbols:{name}")


@pytest.mark.parametrize("where, pattern", list(pattern_cases()))
def test_pattern_matches_its_examples_and_not_its_counterexamples(where, pattern):
    for example in pattern.examples:
        assert pattern.regex.search(fold(example).text), f"{pattern.name} misses {example!r}"
    for counterexample in pattern.counterexamples:
        assert not pattern.regex.search(fold(counterexample).text), \
            f"{pattern.name} matches counterexample {counterexample!r}"


def phrase_cases():
    for code in languages():
        for entry in load_language(code).raw["phrases"]:
            for example in entry["examples"]:
                yield pytest.param(code, entry["concept"], example, id=f"{code}:{example['text'][:12]}")


@pytest.mark.parametrize("code, concept, example", list(phrase_cases()))
def test_leading_phrase_examples(code, concept, example):
    phrase = load_language(code).leading_phrase(fold(example["text"]).text)
    assert phrase is not None, example
    assert (phrase.concept, phrase.modifiers) == (concept, tuple(example.get("modifiers", ())))


def test_every_concept_has_forms_in_some_language():
    concepts = {c["id"] for c in load_concepts()["concepts"]}
    used = {entry["concept"] for code in languages() for entry in load_language(code).raw["phrases"]}
    assert concepts == used


@pytest.mark.parametrize("code", languages())
def test_formula_examples(code):
    language = load_language(code)
    for formula in language.raw["formulas"]:
        for example in formula["examples"]:
            assert language.formula_body(fold(example).text) == formula["body"]


def body_cases():
    for body in load_bodies()["bodies"]:
        for code, examples in body.get("examples", {}).items():
            for example in examples:
                yield pytest.param(code, body["key"], example, id=f"{code}:{body['key']}:{example[:10]}")


@pytest.mark.parametrize("code, key, example", list(body_cases()))
def test_body_examples_name_their_body(code, key, example):
    gazetteer = _gazetteer(code)
    found = {gazetteer.keys.get(m.group()) or gazetteer.anaphors[m.group()][0]
             for m in gazetteer.regex.finditer(fold(example).text)}
    assert key in found


def test_body_parents_exist_and_keys_are_unique():
    bodies = load_bodies()["bodies"]
    keys = [b["key"] for b in bodies]
    assert len(keys) == len(set(keys))
    assert {b["parent"] for b in bodies if "parent" in b} <= set(keys)


def framework_cases():
    for framework in load_frameworks()["frameworks"]:
        for code, examples in framework["examples"].items():
            for example in examples:
                yield pytest.param(code, framework["id"], example, id=f"{code}:{framework['id']}")


@pytest.mark.parametrize("code, framework_id, example", list(framework_cases()))
def test_framework_examples(code, framework_id, example):
    matched = {f["id"] for regex, f in _framework_patterns(code) if regex.search(fold(example).text)}
    assert framework_id in matched


def test_framework_treaties_are_in_the_treaty_table():
    keys = {(t["volume"], t["number"]) for t in load_treaties()["treaties"]}
    for framework in load_frameworks()["frameworks"]:
        if "treaty" in framework:
            assert (framework["treaty"]["volume"], framework["treaty"]["number"]) in keys


@pytest.mark.parametrize("code", languages())
def test_session_kinds_are_words_the_session_pattern_reads(code):
    language = load_language(code)
    pattern = language.patterns["session_after_body"]
    read = {" ".join(m["session"].split()) for e in pattern.examples
            if (m := pattern.regex.search(fold(e).text)) and m.groupdict().get("session")}
    assert set(language.session_kinds) <= read


def ordinal_cases():
    for code in languages():
        for word, value in load_language(code).raw["ordinals"].get("examples", {}).items():
            yield pytest.param(code, word, value, id=f"{code}:{value}")


@pytest.mark.parametrize("code, word, value", list(ordinal_cases()))
def test_ordinal_examples(code, word, value):
    language = load_language(code)
    assert language.number(fold(word).text) == value
    number = language.patterns["number"].regex
    assert number.fullmatch(fold(word).text), f"the number pattern misses {word!r}"


def test_every_body_is_named_in_the_six_languages_in_the_graph():
    """The issue's "bodies carry names in the six languages", read back from the reference graph."""
    graph = reference_graph(Iris())
    bodies = set(graph.subjects(RDF.type, UNKG.Body))
    assert len(bodies) == len(load_bodies()["bodies"])
    for body in bodies:
        assert {label.language for label in graph.objects(body, SKOS.prefLabel)} == set(languages()), body


def test_the_schema_refuses_a_body_named_in_two_languages():
    body = {"key": "X", "kind": "committee", "names": {"en": "X Committee", "zh": "X委员会"}, "forms": {}}
    validator = jsonschema.Draft202012Validator(
        json.loads(data_file("mappers", "schemas", "tables.schema.json").read_text(encoding="utf-8")))
    assert any("'ar' is a required property" in e.message for e in validator.iter_errors({"bodies": [body]}))
