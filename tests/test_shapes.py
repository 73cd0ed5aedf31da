"""The SHACL shapes: the reference document conforms; each broken variant is caught."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, SKOS, XSD, Literal, URIRef

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
INSTRUMENT = IRIS.instrument("A/RES/78/72", "zh", 1)


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
    "direct citation of an untyped node": (lambda g: g.add((WORK, UNKG.recalls, URIRef("urn:x:nothing"))), "recalls"),
    "inverse pointing at no document": (lambda g: g.add((WORK, UNKG.recalledBy, URIRef("urn:x:nothing"))), "recalledBy"),
    "resolution read without its body": (lambda g: replace(g, WORK, UNKG.adoptedBy, None), ""),
    "version without title": (lambda g: (replace(g, VERSION, UNKG.title, None), replace(g, WORK, UNKG.title, None)), "title"),
    "footnote called by no paragraph": (lambda g: replace(g, IRIS.paragraph("A/RES/78/72", "zh", "preambular", 6),
                                                          UNKG.hasFootnote, None), "^hasFootnote"),
    "source without its hash": (lambda g: replace(g, g.value(VERSION, UNKG.source), UNKG.sha256, Literal("abc")), "sha256"),
    "session without ordinal": (lambda g: replace(g, IRIS.session("A", 78), UNKG.ordinal, None), "ordinal"),
    "paragraph without its label": (lambda g: replace(g, PP1, RDFS.label, None), "label"),
    "instrument paragraph of no instrument": (lambda g: g.add((OP16, RDF.type, UNKG.InstrumentParagraph)),
                                              "inInstrument"),
    "instrument placed neither inline nor in an annex": (
        lambda g: (g.add((INSTRUMENT, RDF.type, UNKG.Instrument)), g.add((INSTRUMENT, UNKG.instrumentOf, VERSION)),
                   g.add((INSTRUMENT, UNKG.position, Literal(1))),
                   g.add((INSTRUMENT, UNKG.placement, Literal("appendix")))), "placement"),
    "document with a symbol outside the grammar": (lambda g: replace(g, IRIS.doc("A/78/20"), UNKG.symbol,
                                                                     Literal("a/78/20")), "symbol"),
}


def violated_shapes(report) -> set:
    """The node shapes a SHACL report's results come from (a property shape counts for its node shape)."""
    from rdflib.namespace import SH
    from unkg.validate import shapes_graph
    shapes = shapes_graph()
    found = set()
    for source in report.objects(None, SH.sourceShape):
        owners = set(shapes.subjects(SH.property, source)) | set(shapes.subjects(SH.sparql, source))
        found |= owners or {source}
    return found


VIOLATED: set = set()


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
    assert any(path in f.path.split("|") or path == f.path for f in validation.findings), validation.findings
    assert len(validation.findings) <= 4, validation.findings  # the break, not an avalanche
    VIOLATED.update(violated_shapes(validation.report))


REFERENCE_BREAKS = {  # breaks of what unkg's own tables state, in the reference graph
    "body without its key": (IRIS.body("A/AC.105"), UNKG.key, None, "key"),
    "framework without a name": (IRIS.framework("au-agenda-2063"), SKOS.prefLabel, None, "prefLabel"),
    "phrase concept without its zh and en labels": (PHRASE["recall"], SKOS.prefLabel, None, "prefLabel"),
}


@pytest.mark.parametrize("name", REFERENCE_BREAKS)
def test_each_break_of_the_reference_graph_is_caught(seed_graph, reference, name):
    subject, predicate, value, path = REFERENCE_BREAKS[name]
    broken = type(reference)()
    for triple in reference:
        broken.add(triple)
    replace(broken, subject, predicate, value)
    validation = validate_graph(seed_graph, broken)
    assert not validation.conforms and path in {f.path for f in validation.findings}
    VIOLATED.update(violated_shapes(validation.report))


def test_every_shape_has_a_violating_example():
    """Runs after the breaks above (pytest keeps file order): each node shape was violated."""
    from rdflib import RDF
    from rdflib.namespace import SH
    from unkg.validate import shapes_graph
    node_shapes = set(shapes_graph().subjects(RDF.type, SH.NodeShape)) - {URIRef("https://w3id.org/unkg/shapes#SpanShape")}
    assert VIOLATED, "run the whole file: the breaks fill VIOLATED"
    assert sorted(str(s) for s in node_shapes - VIOLATED) == []


def test_a_citation_without_phrase_is_a_warning_not_a_violation(seed_graph, reference):
    graph = type(seed_graph)()
    for triple in seed_graph:
        graph.add(triple)
    replace(graph, CITATION, UNKG.phrase, None)
    validation = validate_graph(graph, reference)
    assert validation.conforms
    assert [(f.severity, f.path) for f in validation.findings] == [("Warning", "phrase")]


def test_findings_give_the_source_line(seed_graph, reference):
    graph = type(seed_graph)()
    for triple in seed_graph:
        graph.add(triple)
    replace(graph, OP16, UNKG.text, Literal("untagged"))
    finding = next(f for f in validate_graph(graph, reference).findings if f.path == "text")
    assert (finding.resolution, finding.paragraph, finding.source, finding.line) == (
        "A/RES/78/72", "op 16", "A_RES_78_72.zh.txt", 263)
