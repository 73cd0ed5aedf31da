"""The shapes compiled to SPARQL give pySHACL's results: on a small example of every
constraint the compiler covers, on every break of the reference document, and on the corpus."""

from __future__ import annotations

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import RDF, Graph
from rdflib.namespace import SH

from unkg import shacl
from unkg.errors import UnkgError
from unkg.mapping import map_resolution, reference_graph
from unkg.pipeline import read_resolution
from unkg.store import to_oxigraph
from unkg.validate import _path, shapes_graph, validate_graph

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""


def results(report: Graph, shapes: Graph) -> set:
    """What two engines must agree on: each result's focus, path, value, source shape,
    component and severity, and its message where the shapes write it."""
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        component = report.value(result, SH.sourceConstraintComponent)
        written = shapes.value(shape, SH.message) is not None or component == SH.SPARQLConstraintComponent
        found.add((report.value(result, SH.focusNode), _path(report, report.value(result, SH.resultPath)),
                   report.value(result, SH.value), shape, component, report.value(result, SH.resultSeverity),
                   str(report.value(result, SH.resultMessage)) if written else None))
    return found


def both_engines(shapes_text: str, data_text: str) -> tuple[set, set]:
    shapes = Graph().parse(data=PREFIXES + shapes_text, format="turtle")
    data = Graph().parse(data=PREFIXES + data_text, format="turtle")
    store, name = ox.Store(), ox.NamedNode("urn:ex:graph")
    store.extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name) for s, p, o in data)
    _, compiled = shacl.report_graph(shapes, shacl.run(store, shacl.compiled(shapes), name))
    _, reference, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    return results(compiled, shapes), results(reference, shapes)


# Each constraint the compiler covers, with data that violates it and data that does not.
EXAMPLES = {
    "class through subClassOf": (
        "ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:class ex:B ] .",
        "ex:C rdfs:subClassOf ex:B . ex:a a ex:A ; ex:p ex:c1 , ex:x , 'literal' . ex:c1 a ex:C ."),
    "datatype, ill-formed literal": (
        "ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:datatype xsd:date ] .",
        "ex:a a ex:A ; ex:p '2023-12-07'^^xsd:date , '2023-13-45'^^xsd:date , '7 December' , ex:x ."),
    "datatype langString": (
        "ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:datatype "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString> ] .",
        "ex:a a ex:A ; ex:p 'x'@en , 'y' ."),
    "nodeKind": (
        "ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:nodeKind sh:IRI ] .",
        "ex:a a ex:A ; ex:p ex:x , 'y' , [ ex:q 1 ] ."),
    "pattern": (
        "ex:S a sh:NodeShape ; sh:targetClass ex:A ; "
        "sh:property [ sh:path ex:p ; sh:pattern \"^[0-9]+\\\\(x\\\\)$\" ] .",
        "ex:a a ex:A ; ex:p '12(x)' , '12x' , 3 ."),
    "languageIn": (
        "ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:languageIn ( 'zh' 'en' ) ] .",
        "ex:a a ex:A ; ex:p 'x'@en , 'y'@en-GB , 'z'@de , 'w' ."),
    "uniqueLang": (
        "ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:uniqueLang true ] .",
        "ex:a a ex:A ; ex:p 'x'@en , 'y'@en , 'z'@zh , 'u' , 'v' . "
        "ex:b a ex:A ; ex:p 'x'@en , 'y'@en , 'z'@zh , 'w'@zh ."),
    "minInclusive": (
        "ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:minInclusive 1 ] .",
        "ex:a a ex:A ; ex:p 0 , 1 , 5 , 'x' ."),
    "minLength": (
        "ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:minLength 2 ] .",
        "ex:a a ex:A ; ex:p 'x' , 'xy' , '' ."),
    "in": (
        "ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:in ( 'a' ex:b ) ] .",
        "ex:a a ex:A ; ex:p 'a' , ex:b , 'c' , ex:d ."),
    "min and max count": (
        "ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:minCount 2 ; sh:maxCount 2 ] .",
        "ex:a a ex:A ; ex:p 1 . ex:b a ex:A ; ex:p 1 , 2 . ex:c a ex:A ; ex:p 1 , 2 , 3 . ex:d a ex:A ."),
    "lessThanOrEquals": (
        "ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:start ; sh:lessThanOrEquals ex:end ] .",
        "ex:a a ex:A ; ex:start 1 ; ex:end 2 . ex:b a ex:A ; ex:start 3 ; ex:end 2 . "
        "ex:c a ex:A ; ex:start 'x' ; ex:end 2 ."),
    "or and not on a node": (
        "ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:p ; "
        "sh:or ( [ sh:not [ sh:class ex:A ] ] [ sh:path ex:q ; sh:minCount 1 ] ) .",
        "ex:a a ex:A ; ex:p 1 . ex:b a ex:A ; ex:p 1 ; ex:q 2 . ex:c ex:p 1 . ex:d a ex:A ; ex:p 1 ; ex:q ex:a ."),
    "or on values, objects as targets": (
        "ex:S a sh:NodeShape ; sh:targetObjectsOf ex:p ; sh:or ( [ sh:class ex:A ] [ sh:class ex:B ] ) .",
        "ex:x ex:p ex:a , ex:b , ex:c . ex:a a ex:A . ex:b a ex:B ."),
    "inverse and alternative paths": (
        "ex:S a sh:NodeShape ; sh:targetClass ex:A ; "
        "sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:maxCount 1 ] ; "
        "sh:property [ sh:path [ sh:alternativePath ( ex:q ex:r ) ] ; sh:class ex:B ] .",
        "ex:a a ex:A . ex:x ex:p ex:a . ex:y ex:p ex:a . ex:a ex:q ex:z ; ex:r ex:b . ex:b a ex:B ."),
    "node, with details": (
        "ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:node ex:T . "
        "ex:T a sh:NodeShape ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:datatype xsd:integer ] .",
        "ex:a a ex:A ; ex:p 1 . ex:b a ex:A . ex:c a ex:A ; ex:p 'x' ."),
    "severity and message": (
        "ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:minCount 1 ; "
        "sh:severity sh:Warning ; sh:message 'needs a p' ] .",
        "ex:a a ex:A ."),
    "SPARQL constraint with a message template": (
        "ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:sparql [ a sh:SPARQLConstraint ; "
        "sh:message 'too big: {?n}' ; sh:select 'SELECT $this ?n WHERE { $this <urn:ex:n> ?n FILTER (?n > 2) }' ] .",
        "ex:a a ex:A ; ex:n 1 . ex:b a ex:A ; ex:n 3 ."),
}


@pytest.mark.parametrize("name", EXAMPLES)
def test_compiled_constraints_give_pyshacls_results(name):
    compiled, reference = both_engines(*EXAMPLES[name])
    assert reference, "the example must violate its constraint"
    assert compiled == reference


def test_a_constraint_the_compiler_lacks_is_refused_with_the_shape_named():
    shapes = Graph().parse(data=PREFIXES + "ex:S a sh:NodeShape ; sh:targetClass ex:A ; "
                                           "sh:property [ sh:path ex:p ; sh:maxLength 3 ] .", format="turtle")
    with pytest.raises(shacl.ShapeNotCompiled, match="maxLength"):
        shacl.compiled(shapes)


def test_every_shape_of_shapes_folder_compiles():
    """Each node shape is checked, through its own constraints or its property shapes."""
    shapes = shapes_graph()

    def sources(queries):
        for query in queries:
            for check in query.checks:
                yield check.shape
                yield from sources(check.details)
    checked = set(sources(shacl.compiled(shapes)))
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        assert ({shape} | set(shapes.objects(shape, SH.property))) & checked, shape


def test_the_engines_agree_on_the_reference_document_and_its_breaks(seed_extraction):
    """Every break of tests/test_shapes.py, judged by both engines."""
    from test_shapes import BREAKS, IRIS
    seed = map_resolution(seed_extraction, IRIS)
    reference = reference_graph(IRIS)
    for name, (mutate, _) in BREAKS.items():
        graph = Graph(identifier=seed.identifier)
        for triple in seed:
            graph.add(triple)
        mutate(graph)
        compiled, by_pyshacl = (validate_graph(graph, reference, engine) for engine in ("sparql", "pyshacl"))
        assert compiled.conforms == by_pyshacl.conforms, name
        assert results(compiled.report, shapes_graph()) == results(by_pyshacl.report, shapes_graph()), name


def test_the_engines_agree_on_the_corpus(corpus):
    """A spread of real resolutions: PDFs, text extractions, Markdown, Security Council."""
    from unkg.iris import Iris
    iris = Iris()
    reference = reference_graph(iris)
    files = sorted(p for folder in ("ga", "sc", "drafts") for p in (corpus / folder).iterdir()
                   if p.suffix in (".txt", ".md", ".pdf"))
    chosen = files[::6]
    assert len(chosen) >= 12
    judged = 0
    for path in chosen:
        try:
            extraction = read_resolution(path)
        except UnkgError:  # the image-only PDF: no graph to judge
            continue
        graph = map_resolution(extraction, iris)
        compiled, by_pyshacl = (validate_graph(graph, reference, engine) for engine in ("sparql", "pyshacl"))
        assert results(compiled.report, shapes_graph()) == results(by_pyshacl.report, shapes_graph()), path.name
        judged += 1
    assert judged >= 12
