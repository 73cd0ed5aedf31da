"""SHACL shapes compiled to SPARQL, run inside Oxigraph.

pySHACL is the reference implementation (`unkg validate --engine pyshacl`). It costs about
0.2 s per resolution, most of it spent copying the ontology into each graph; the compiled
shapes take milliseconds. The compiler covers the part of SHACL Core and SHACL-SPARQL that
shapes/ uses and refuses anything else when it compiles, naming the shape; a test proves both
engines give the same results on the corpus and on a violating example of every shape.

Each constraint becomes one SELECT whose rows are its validation results: ?this is the focus
node, ?value the value node. Class membership follows rdfs:subClassOf in the data graph, into
which the ontology is loaded, as pySHACL does with an ontology graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD

from .store import to_rdflib


class ShapeNotCompiled(Exception):
    """A shape uses SHACL the compiler does not cover."""


# Datatypes whose lexical form SPARQL can check by casting: a literal of them that the cast
# rejects ("7 December 2023"^^xsd:date) is ill-formed, which sh:datatype forbids.
CASTABLE = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean, XSD.date, XSD.dateTime, XSD.time}

# {?name} or {$name} in an sh:message: replaced by the value of that variable of the result.
MESSAGE_VARIABLE = re.compile(r"\{[?$](?P<name>\w+)\}")

# SHACL instances are those of a class or of its sub-classes. `run` first states each node's
# types through rdfs:subClassOf in the validated graph, so that checks need only rdf:type.
INSTANCE_OF = "a"
SUPERCLASSES = ("SELECT DISTINCT ?node ?class WHERE { "
                "?node a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>+ ?class }")
RDF_TYPE = ox.NamedNode(str(RDF.type))

# What a shape may say besides its constraints; anything else is refused.
NOT_CONSTRAINTS = {RDF.type, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.property, SH.path,
                   SH.message, SH.severity, SH.name, SH.description,
                   URIRef("http://www.w3.org/2000/01/rdf-schema#comment")}


@dataclass(frozen=True)
class Check:
    """One compiled constraint. A check on each value node has a `condition` on ?value over the
    rows of `scope`; a check on the number of values, a `condition` on ?count; any other has a
    `query` of its own that selects ?this (and ?value) once per result."""

    shape: URIRef | BNode
    component: URIRef
    path: URIRef | BNode | None
    severity: URIRef
    message: str | None
    parameter: str = ""  # the constraint's value, for messages: "1", "xsd:date", "SpanShape"
    scope: str = ""  # the graph pattern of ?this and ?value (or ?count) the condition judges
    condition: str = ""  # a SPARQL expression, true of a violation
    query: str = ""
    details: tuple[Query, ...] = ()  # sh:node: the queries of the shape each focus node must conform to


@dataclass(frozen=True)
class Query:
    """One SELECT for one or more checks: each row is a result of the checks whose flag
    variable (?c0, ?c1…) is true, or of the only check when it has none."""

    text: str
    checks: tuple[Check, ...]
    flagged: bool


def plan(checks: Iterable[Check]) -> tuple[Query, ...]:
    """The checks as few queries: those that judge the same rows share one, each condition
    bound to a flag. Oxigraph answers a query in about 0.1 ms here, so their number counts."""
    queries, groups = [], {}
    for check in checks:
        if check.query or check.details:
            queries.append(Query(check.query, (check,), False))
        else:
            groups.setdefault(check.scope, []).append(check)
    for scope, grouped in groups.items():
        flags = " ".join(f"BIND (COALESCE({c.condition}, false) AS ?c{i})" for i, c in enumerate(grouped))
        either = " || ".join(f"?c{i}" for i in range(len(grouped)))
        queries.append(Query(f"SELECT * WHERE {{ {scope} {flags} FILTER ({either}) }}", tuple(grouped), True))
    return tuple(queries)


@dataclass(frozen=True)
class Result:
    check: Check
    focus: object
    value: object | None
    bindings: dict
    details: tuple[Result, ...] = ()

    @property
    def message(self) -> str:
        if self.check.message is None:
            return default_message(self)
        return MESSAGE_VARIABLE.sub(lambda m: str(self.bindings.get(m["name"], m[0])), self.check.message)


def _term(node) -> str:
    """A term of the shapes graph in SPARQL syntax (N-Triples escaping)."""
    return node.n3()


def _list(shapes: Graph, head) -> list:
    return list(Collection(shapes, head))


def sparql_path(shapes: Graph, path) -> str:
    """An sh:path as a SPARQL property path."""
    if isinstance(path, URIRef):
        return _term(path)
    inverse = shapes.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{sparql_path(shapes, inverse)}"
    alternatives = shapes.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(sparql_path(shapes, p) for p in _list(shapes, alternatives)) + ")"
    if shapes.value(path, RDF.first) is not None:
        return "(" + "/".join(sparql_path(shapes, p) for p in _list(shapes, path)) + ")"
    raise ShapeNotCompiled(f"path {path} is neither a predicate, an inverse, alternatives nor a sequence")


def target_pattern(shapes: Graph, shape) -> str | None:
    """The graph pattern binding ?this to the shape's targets, or None if it has none."""
    classes = list(shapes.objects(shape, SH.targetClass))
    alternatives = [f"?this {INSTANCE_OF} {_term(c)} ." for c in classes]
    alternatives += [f"?this {_term(p)} [] ." for p in shapes.objects(shape, SH.targetSubjectsOf)]
    alternatives += [f"[] {_term(p)} ?this ." for p in shapes.objects(shape, SH.targetObjectsOf)]
    if not alternatives:
        return None
    if alternatives == [f"?this {INSTANCE_OF} {_term(c)} ." for c in classes[:1]]:
        return alternatives[0]  # a class's instances come once each
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join("{ " + a + " }" for a in alternatives) + " } }"


def conforms_expression(shapes: Graph, shape, node: str, depth: int = 0) -> str:
    """A SPARQL expression true when `node` conforms to `shape`: for the shapes that sh:or and
    sh:not combine, which here are sh:class, sh:not and a property with sh:minCount 1."""
    parts = []
    is_property = shapes.value(shape, SH.path) is not None
    for predicate, value in shapes.predicate_objects(shape):
        if is_property and predicate not in (SH.path, SH.minCount, RDF.type):
            raise ShapeNotCompiled(f"{shape}: a property shape inside sh:or or sh:not may say only sh:minCount 1")
        if predicate == SH["class"]:
            parts.append(f"EXISTS {{ {node} {INSTANCE_OF} {_term(value)} }}")
        elif predicate == SH["not"]:
            parts.append(f"!({conforms_expression(shapes, value, node, depth + 1)})")
        elif predicate == SH.minCount and int(value) == 1:
            path = sparql_path(shapes, shapes.value(shape, SH.path))
            parts.append(f"EXISTS {{ {node} {path} ?any{depth} }}")
        elif predicate not in (SH.path, RDF.type):
            raise ShapeNotCompiled(f"{shape}: {predicate} inside sh:or or sh:not")
    if not parts:
        raise ShapeNotCompiled(f"{shape}: an empty shape inside sh:or or sh:not")
    return " && ".join(f"({p})" for p in parts)


def _value_violation(shapes: Graph, predicate, value) -> str | None:
    """The FILTER expression true of a ?value node that violates `predicate value`, for the
    constraints that judge each value node on its own."""
    if predicate == SH["class"]:
        return f"NOT EXISTS {{ ?value {INSTANCE_OF} {_term(value)} }}"
    if predicate == SH.datatype:
        wellformed = f" && COALESCE({_term(value)}(STR(?value)) = ?value, false)" if value in CASTABLE else ""
        return f"!(isLiteral(?value) && DATATYPE(?value) = {_term(value)}{wellformed})"
    if predicate == SH.nodeKind:
        kinds = {SH.IRI: "isIRI(?value)", SH.BlankNode: "isBlank(?value)", SH.Literal: "isLiteral(?value)",
                 SH.BlankNodeOrIRI: "!isLiteral(?value)", SH.IRIOrLiteral: "!isBlank(?value)",
                 SH.BlankNodeOrLiteral: "!isIRI(?value)"}
        return f"!({kinds[value]})"
    if predicate == SH.pattern:
        return f"isBlank(?value) || !REGEX(STR(?value), {_term(Literal(str(value)))})"
    if predicate == SH.languageIn:
        ranges = " || ".join(f"langMatches(LANG(?value), {_term(Literal(str(t)))})" for t in _list(shapes, value))
        return f"!(isLiteral(?value) && ({ranges}))"
    if predicate == SH.minInclusive:
        return f"!COALESCE(?value >= {_term(value)}, false)"
    if predicate == SH.minLength:
        return f"isBlank(?value) || STRLEN(STR(?value)) < {int(value)}"
    if predicate == SH["in"]:
        return "!(" + " || ".join(f"sameTerm(?value, {_term(t)})" for t in _list(shapes, value)) + ")"
    if predicate == SH["not"]:
        return conforms_expression(shapes, value, "?value")
    if predicate == SH["or"]:
        return "!(" + " || ".join(f"({conforms_expression(shapes, s, '?value')})"
                                  for s in _list(shapes, value)) + ")"
    return None


COMPONENTS = {SH["class"]: "Class", SH.datatype: "Datatype", SH.nodeKind: "NodeKind", SH.pattern: "Pattern",
              SH.languageIn: "LanguageIn", SH.minInclusive: "MinInclusive", SH.minLength: "MinLength",
              SH["in"]: "In", SH["not"]: "Not", SH["or"]: "Or", SH.minCount: "MinCount", SH.maxCount: "MaxCount",
              SH.uniqueLang: "UniqueLang", SH.lessThanOrEquals: "LessThanOrEquals", SH.node: "Node",
              SH.sparql: "SPARQL"}


def compile_shape(shapes: Graph, shape, focus: str) -> list[Check]:
    """The checks of a node or property shape whose focus nodes `focus` binds to ?this."""
    path = shapes.value(shape, SH.path)
    if path is not None:
        values = f"{focus} ?this {sparql_path(shapes, path)} ?value ."
    else:
        values = f"{focus} BIND(?this AS ?value)"
    severity = shapes.value(shape, SH.severity) or SH.Violation
    message = shapes.value(shape, SH.message)
    checks = []

    def check(predicate, value, constraint=None, **compiled) -> None:
        component = SH[COMPONENTS[predicate] + "ConstraintComponent"]
        said = (constraint is not None and shapes.value(constraint, SH.message)) or message
        checks.append(Check(shape, component, path, (constraint is not None and shapes.value(constraint, SH.severity))
                            or severity, str(said) if said else None, _parameter(shapes, value), **compiled))

    counted = None
    if path is not None:
        counted = ("{ SELECT ?this (COUNT(DISTINCT ?value) AS ?count) WHERE { "
                   f"{focus} OPTIONAL {{ ?this {sparql_path(shapes, path)} ?value }} }} GROUP BY ?this }}")
    for predicate, value in shapes.predicate_objects(shape):
        violation = _value_violation(shapes, predicate, value)
        if violation is not None:
            check(predicate, value, scope=values, condition=violation)
        elif predicate in (SH.minCount, SH.maxCount):
            if counted is None:
                raise ShapeNotCompiled(f"{shape}: {predicate} without sh:path")
            check(predicate, value, scope=counted,
                  condition=f"?count {'<' if predicate == SH.minCount else '>'} {int(value)}")
        elif predicate == SH.uniqueLang:
            if value == Literal(True):
                check(predicate, value, query=f"SELECT DISTINCT ?this WHERE {{ {values} "
                      f"?this {sparql_path(shapes, path)} ?other . FILTER (!sameTerm(?value, ?other) "
                      "&& LANG(?value) != \"\" && LANG(?value) = LANG(?other)) }")
        elif predicate == SH.lessThanOrEquals:
            check(predicate, value, scope=f"{values} ?this {_term(value)} ?other .",
                  condition="!COALESCE(?value <= ?other, false)")
        elif predicate == SH.node:
            if path is not None:
                raise ShapeNotCompiled(f"{shape}: sh:node on a property shape")
            check(predicate, value, details=plan(compile_shape(shapes, value, focus)))
        elif predicate == SH.sparql:
            check(predicate, value, value, query=_sparql_constraint(shapes, value, focus))
        elif predicate == SH.property:
            checks.extend(compile_shape(shapes, value, focus))
        elif predicate not in NOT_CONSTRAINTS:
            raise ShapeNotCompiled(f"{shape}: {predicate} is not compiled; validate with --engine pyshacl")
    return checks


def _parameter(shapes: Graph, value) -> str:
    """A constraint's value as people read it."""
    if isinstance(value, Literal):
        return str(value)
    if isinstance(value, BNode) and shapes.value(value, RDF.first) is not None:
        return ", ".join(str(_parameter(shapes, v)) for v in _list(shapes, value))
    if isinstance(value, URIRef):
        return shapes.namespace_manager.normalizeUri(value)
    return "a shape"


def _sparql_constraint(shapes: Graph, constraint, focus: str) -> str:
    """An sh:SPARQLConstraint's SELECT, joined with the focus nodes it is for."""
    prefixes = []
    for declaring in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(declaring, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            prefixes.append(f"PREFIX {prefix}: <{namespace}>\n")
    select = str(shapes.value(constraint, SH.select))
    return "".join(prefixes) + f"SELECT * WHERE {{ {focus} {{ {select} }} }}"


@cache
def compiled(shapes: Graph) -> tuple[Query, ...]:
    """The queries of every check of the shapes graph's node shapes that have targets."""
    checks = []
    for shape in sorted(shapes.subjects(RDF.type, SH.NodeShape)):
        focus = target_pattern(shapes, shape)
        if focus is not None:
            checks.extend(compile_shape(shapes, shape, focus))
    return plan(checks)


def run(store: ox.Store, queries: Iterable[Query], graph: ox.NamedNode, closing: bool = True) -> list[Result]:
    """The results of the queries on one graph of the store, to which it first adds the types
    that rdfs:subClassOf entails. A result found twice (the data and the context may state a
    triple both) counts once."""
    results: dict = {}
    if closing:
        store.extend(ox.Quad(row["node"], RDF_TYPE, row["class"], graph)
                     for row in store.query(SUPERCLASSES, default_graph=graph))
    for query in queries:
        if query.checks[0].details:
            check = query.checks[0]
            inner: dict = {}
            for result in run(store, check.details, graph, closing=False):
                inner.setdefault(result.focus, []).append(result)
            for focus, found in inner.items():
                results[check, focus] = Result(check, focus, focus, {}, tuple(found))
            continue
        solutions = store.query(query.text, default_graph=graph)
        names = [variable.value for variable in solutions.variables]
        for solution in solutions:
            bindings = {name: to_rdflib(solution[name]) for name in names if solution[name] is not None}
            for i, check in enumerate(query.checks):
                if query.flagged and not bindings[f"c{i}"].toPython():
                    continue
                value = bindings.get("value") if check.component not in COUNTED else None
                if value is None and check.component == SH.SPARQLConstraintComponent:
                    value = bindings["this"]  # SHACL-SPARQL: without $value, the value is the focus node
                own = {k: v for k, v in bindings.items() if not (query.flagged and FLAG.fullmatch(k))}
                results.setdefault((check, bindings["this"], value, tuple(sorted(own.items()))),
                                   Result(check, bindings["this"], value, own))
    return list(results.values())


# The components whose results have no value node.
COUNTED = {SH.MinCountConstraintComponent, SH.MaxCountConstraintComponent}
# A flag variable of a shared query: ?c0, ?c1…
FLAG = re.compile(r"c\d+")


# Messages for results whose shape gives none; {parameter} is the constraint's value.
DEFAULT_MESSAGES = {
    "Class": "the value is not a {parameter}", "Datatype": "the value is not a literal of type {parameter}",
    "NodeKind": "the value is not a {parameter}", "Pattern": "the value does not match {parameter}",
    "LanguageIn": "the language tag is not one of {parameter}", "MinInclusive": "the value is less than {parameter}",
    "MinLength": "the value is shorter than {parameter} characters", "In": "the value is not one of {parameter}",
    "Not": "the value conforms to a shape it must not", "Or": "the value conforms to none of the shapes it may",
    "MinCount": "fewer than {parameter} values", "MaxCount": "more than {parameter} values",
    "UniqueLang": "two values share a language tag", "LessThanOrEquals": "the value is greater than {parameter}",
    "Node": "does not conform to {parameter}", "SPARQL": "a SPARQL constraint is not met"}


def default_message(result: Result) -> str:
    name = result.check.component.split("#")[-1].removesuffix("ConstraintComponent")
    return DEFAULT_MESSAGES[name].format(parameter=result.check.parameter)


def report_graph(shapes: Graph, results: list[Result]) -> tuple[bool, Graph]:
    """A SHACL validation report for `results`, as pySHACL writes it."""
    report = Graph()
    report.bind("sh", SH)
    node = BNode()
    report.add((node, RDF.type, SH.ValidationReport))
    conforms = not any(r.check.severity == SH.Violation for r in results)
    report.add((node, SH.conforms, Literal(conforms)))
    for result in results:
        report.add((node, SH.result, _add_result(report, shapes, result)))
    return conforms, report


def _add_result(report: Graph, shapes: Graph, result: Result) -> BNode:
    node = BNode()
    check = result.check
    report.add((node, RDF.type, SH.ValidationResult))
    report.add((node, SH.focusNode, result.focus))
    report.add((node, SH.sourceShape, check.shape))
    report.add((node, SH.sourceConstraintComponent, check.component))
    report.add((node, SH.resultSeverity, check.severity))
    report.add((node, SH.resultMessage, Literal(result.message)))
    if result.value is not None:
        report.add((node, SH.value, result.value))
    if check.path is not None:
        report.add((node, SH.resultPath, check.path))
        _copy_description(report, shapes, check.path)
    for detail in result.details:
        report.add((node, SH.detail, _add_result(report, shapes, detail)))
    return node


def _copy_description(report: Graph, shapes: Graph, node) -> None:
    """The triples that describe a blank node of the shapes graph (a path), recursively."""
    if isinstance(node, BNode):
        for predicate, value in shapes.predicate_objects(node):
            report.add((node, predicate, value))
            _copy_description(report, shapes, value)
