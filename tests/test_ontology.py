"""The ontology: its generated namespace is in sync, its terms are labelled and aligned."""

from __future__ import annotations

from importlib.resources import files

import pytest
from rdflib import OWL, RDF, RDFS, Literal, URIRef

from unkg.ontology import ONTOLOGY_NS, ontology_graph, ontology_terms, render_vocab
from unkg.vocab import UNKG


def test_vocab_module_is_generated_from_the_ontology():
    installed = files("unkg").joinpath("vocab.py").read_text(encoding="utf-8")
    assert installed == render_vocab(ontology_graph()), "run `make vocab` after editing ontology/unkg.ttl"


def test_closed_namespace_refuses_typos():
    with pytest.raises(AttributeError):
        UNKG.recall  # noqa: B018 - the property is unkg:recalls


def all_terms():
    return [URIRef(ONTOLOGY_NS + name) for names in ontology_terms(ontology_graph()).values() for name in names]


@pytest.mark.parametrize("term", all_terms(), ids=lambda t: str(t).rsplit("#")[-1])
def test_every_term_has_zh_and_en_labels(term):
    languages = {label.language for label in ontology_graph().objects(term, RDFS.label)
                 if isinstance(label, Literal)}
    assert {"zh", "en"} <= languages


@pytest.mark.parametrize("local, axiom, external", [
    ("Resolution", RDFS.subClassOf, "https://w3id.org/un/ontology/undo/Resolution"),
    ("Resolution", RDFS.subClassOf, "http://data.europa.eu/eli/ontology#LegalResource"),
    ("LanguageVersion", RDFS.subClassOf, "http://data.europa.eu/eli/ontology#LegalExpression"),
    ("Paragraph", RDFS.subClassOf, "http://data.europa.eu/eli/ontology#LegalResourceSubdivision"),
    ("Body", RDFS.subClassOf, "http://www.w3.org/ns/org#Organization"),
    ("Treaty", RDFS.subClassOf, "https://w3id.org/un/ontology/undo/Treaty"),
    ("Citation", RDFS.subClassOf, "https://w3id.org/un/ontology/undo/Relation"),
    ("cites", RDFS.subPropertyOf, "http://data.europa.eu/eli/ontology#cites"),
    ("cites", RDFS.subPropertyOf, "http://purl.org/spar/cito/cites"),
    ("recalls", RDFS.subPropertyOf, "https://w3id.org/unkg/ontology#cites"),
    ("subOrganizationOf", RDFS.subPropertyOf, "http://www.w3.org/ns/org#subOrganizationOf"),
    ("recalledBy", OWL.inverseOf, "https://w3id.org/unkg/ontology#recalls"),
])
def test_alignment_axioms(local, axiom, external):
    assert (UNKG[local], axiom, URIRef(external)) in ontology_graph()


def test_relations_of_the_concept_scheme_are_properties_of_the_ontology():
    from unkg.lexicon import load_concepts
    for concept in load_concepts()["concepts"]:
        assert (UNKG[concept["relation"]], RDF.type, OWL.ObjectProperty) in ontology_graph()


def test_every_property_of_the_ontology_is_constrained_by_a_shape():
    from rdflib.namespace import SH
    from unkg.validate import shapes_graph
    shapes = shapes_graph()
    paths = set(shapes.objects(None, SH.path)) | set(shapes.objects(None, SH.inversePath))
    for alternatives in shapes.objects(None, SH.alternativePath):
        paths |= set(shapes.items(alternatives))
    paths |= set(shapes.objects(None, SH.targetSubjectsOf)) | set(shapes.objects(None, SH.targetObjectsOf))
    terms = ontology_terms(ontology_graph())
    properties = {UNKG[name] for kind in ("object properties", "datatype properties") for name in terms[kind]}
    assert sorted(str(p) for p in properties - paths) == []


def test_every_class_of_the_ontology_has_a_shape():
    from rdflib.namespace import SH
    from unkg.validate import shapes_graph
    targeted = set(shapes_graph().objects(None, SH.targetClass))
    classes = {UNKG[name] for name in ontology_terms(ontology_graph())["classes"]}
    # Paragraph and Document are covered through their subclasses' shapes and by sh:class checks
    assert classes - targeted <= {UNKG.Paragraph, UNKG.DraftResolution}
