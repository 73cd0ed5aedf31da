"""The SHACL shapes: the reference document conforms; each broken variant is caught."""

from __future__ import annotations

import pytest
from rdflib import RDF, SKOS, XSD, Literal, URIRef

from unkg.iris import PHRASE, Iris
from unkg.mapping import map_resolution, reference_graph
from unkg.validate import validate_graph
from unkg.vocab import UNKG

IRIS = Iris("https://w3id.org/unkg/")
WORK = IRIS.doc("A/RES/78/72")
VERSION = IRIS.version("A/RES/78/72", "zh")
PP1 = IRIS.paragraph("A/RES/78/72", "zh", "preambular", 1)
OP16 = IRIS.paragraph("A/RES/78/72", "zh", "operative", 16)
CITATION = IRIS.citation(PP1, 1)
OUTER_SPACE_TREATY = IRIS.treaty("unts-610-8843")


@pytest.fixture(scope="module")
def seed_graph(seed_extraction):
    return map_resolution(seed_extraction, IRIS)


@pytest.fixture(scope="module")
def reference():
    return reference_graph(IRIS)


def test_the_reference_document_conforms(seed_graph, reference):
    validation = validate_graph(seed_graph, reference)
    assert validation.conforms, validation.findings


def replace(graph, s, p, o):
    graph.remove((s, p, None))
    if o is not None:
        graph.add((s, p, o))



BREAKS = {
    "no adoption date": (lambda g: replace(g, WORK, UNKG.adoptionDate, None), "adoptionDate"),
    "two adoption dates": (lambda g: g.add((WORK, UNKG.adoptionDate, Literal("2023-12-08", datatype=XSD.date))),
                           "adoptionDate"),
    "adoption date not a date": (lambda g: replace(g, WORK, UNKG.adoptionDate, Literal("7 December 2023")),
                                 "adoptionDate"),
    "bad symbol": (lambda g: replace(g, WORK, UNKG.symbol, Literal("A/RES/78-72")), "symbol"),
    "text without language tag": (lambda g: replace(g, PP1, UNKG.text, Literal("回顾")), "text"),
    "text in a language that is not official": (lambda g: replace(g, PP1, UNKG.text, Literal("x", lang="de")),
                                               "text"),
    "paragraph of no version": (lambda g: replace(g, OP16, UNKG.paragraphOf, None), "paragraphOf"),
    "paragraph of two versions": (lambda g: g.add((OP16, UNKG.paragraphOf, IRIS.version("A/RES/78/72", "en"))),
                                  "paragraphOf"),
    "operative paragraph without number": (lambda g: replace(g, OP16, UNKG.number, None), "number"),
    "citation of an untyped node": (lambda g: replace(g, CITATION, UNKG.cited, URIRef("urn:x:nothing")), "cited"),
    "citation without relation": (lambda g: replace(g, CITATION, UNKG.relation, None), "relation"),
    "span that ends before it starts": (lambda g: replace(g, PP1, UNKG.end, Literal(0)), "start"),
    "treaty without its registration number": (
        lambda g: (g.add((OUTER_SPACE_TREATY, RDF.type, UNKG.Treaty)),
                   replace(g, OUTER_SPACE_TREATY, UNKG.untsNumber, None)), "untsNumber"),
    "phrase that is not a concept": (lambda g: replace(g, PP1, UNKG.phrase, PHRASE["nothing"]), "phrase"),
    "operative numbers with a gap": (lambda g: replace(g, OP16, UNKG.number, Literal(47)), ""),
    "span past the end of its source": (lambda g: replace(g, PP1, UNKG.end, Literal(10 ** 7)), ""),
    "one source read as two versions": (lambda g: g.add((IRIS.version("A/RES/78/72", "en"), UNKG.source,
                                                         g.value(VERSION, UNKG.source))), "^source"),
    "mention of an untyped node": (lambda g: g.add((PP1, UNKG.mentions, URIRef("urn:x:nobody"))), ""),
}


@pytest.mark.parametrize("name", BREAKS)
def test_each_break_is_caught(seed_graph, reference, name):
    graph = type(seed_graph)(identifier=seed_graph.identifier)
    for triple in seed_graph:
        graph.add(triple)
    reference_copy = reference
    if name == "treaty without its registration number":  # the table also states the key
        reference_copy = type(reference)()
        for triple in reference:
            if triple[0] != OUTER_SPACE_TREATY:
                reference_copy.add(triple)
    mutate, path = BREAKS[name]
    mutate(graph)
    validation = validate_graph(graph, reference_copy)
    assert not validation.conforms
    assert path in {f.path for f in validation.findings}
    assert len(validation.findings) <= 4, validation.findings  # the break, not an avalanche


def test_findings_give_the_source_line(seed_graph, reference):
    graph = type(seed_graph)()
    for triple in seed_graph:
        graph.add(triple)
    replace(graph, OP16, UNKG.text, Literal("untagged"))
    finding = next(f for f in validate_graph(graph, reference).findings if f.path == "text")
    assert (finding.resolution, finding.paragraph, finding.source, finding.line) == (
        "A/RES/78/72", "op 16", "A_RES_78_72.zh.txt", 263)


def test_a_concept_needs_zh_and_en_labels(seed_graph, reference):
    broken = type(reference)()
    for triple in reference:
        if not (triple[0] == PHRASE["recall"] and triple[1] == SKOS.prefLabel and triple[2].language == "zh"):
            broken.add(triple)
    validation = validate_graph(seed_graph, broken)
    assert not validation.conforms and "prefLabel" in {f.path for f in validation.findings}
