"""Infer stage: what the ontology entails, materialised into a graph that can be dropped.

owlrl's OWL 2 RL closure is the reference semantics; it materialises every RL rule, most of
them beside the point here, and is slow on large graphs. The production path runs the
ontology's axioms as SPARQL update rules in Oxigraph, to a fixpoint: class and property
hierarchies, inverses, transitive properties (the body hierarchy), domains and ranges. A test
proves that both give the same triples for the ontology's vocabulary; `materialize` runs the
rules on each graph of a store in turn, into an inferred graph beside each.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import owlrl
import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef

from .ontology import ontology_graph
from .store import STAGING, GraphStore, Loader, to_oxigraph, to_rdflib

# The rules, one per kind of axiom. {g}, {k}, {h} keep the graphs read to the data and the
# graph being written, <{target}>; the axioms are read from the ontology as the store holds it.
RULES = {
    "subclass": """
        INSERT {{ GRAPH <{target}> {{ ?x a ?super }} }} WHERE {{
            GRAPH <{ontology}> {{ ?class rdfs:subClassOf+ ?super . FILTER(isIRI(?super)) }}
            GRAPH ?g {{ ?x a ?class }} {g}
            FILTER NOT EXISTS {{ GRAPH ?h {{ ?x a ?super }} {h} }}
        }}""",
    "subproperty": """
        INSERT {{ GRAPH <{target}> {{ ?s ?super ?o }} }} WHERE {{
            GRAPH <{ontology}> {{ ?property rdfs:subPropertyOf+ ?super }}
            GRAPH ?g {{ ?s ?property ?o }} {g}
            FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?super ?o }} {h} }}
        }}""",
    "inverse": """
        INSERT {{ GRAPH <{target}> {{ ?o ?inverse ?s }} }} WHERE {{
            GRAPH <{ontology}> {{ {{ ?property owl:inverseOf ?inverse }} UNION {{ ?inverse owl:inverseOf ?property }} }}
            GRAPH ?g {{ ?s ?property ?o . FILTER(!isLiteral(?o)) }} {g}
            FILTER NOT EXISTS {{ GRAPH ?h {{ ?o ?inverse ?s }} {h} }}
        }}""",
    "transitive": """
        INSERT {{ GRAPH <{target}> {{ ?x ?property ?z }} }} WHERE {{
            GRAPH <{ontology}> {{ ?property a owl:TransitiveProperty }}
            GRAPH ?g {{ ?x ?property ?y }} {g} GRAPH ?k {{ ?y ?property ?z }} {k}
            FILTER NOT EXISTS {{ GRAPH ?h {{ ?x ?property ?z }} {h} }}
        }}""",
    "domain": """
        INSERT {{ GRAPH <{target}> {{ ?s a ?class }} }} WHERE {{
            GRAPH <{ontology}> {{ ?property rdfs:domain ?class . FILTER(isIRI(?class)) }}
            GRAPH ?g {{ ?s ?property ?o }} {g}
            FILTER NOT EXISTS {{ GRAPH ?h {{ ?s a ?class }} {h} }}
        }}""",
    "range": """
        INSERT {{ GRAPH <{target}> {{ ?o a ?class }} }} WHERE {{
            GRAPH <{ontology}> {{ ?property rdfs:range ?class ; a owl:ObjectProperty . FILTER(isIRI(?class)) }}
            GRAPH ?g {{ ?s ?property ?o . FILTER(isIRI(?o)) }} {g}
            FILTER NOT EXISTS {{ GRAPH ?h {{ ?o a ?class }} {h} }}
        }}""",
}
PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
ROUNDS = 20  # a chain of inferences longer than this would mean a cycle of rules


@dataclass(frozen=True)
class Inference:
    triples: int
    rounds: int
    seconds: float


def graphs_read(variable: str, ontology: str, target: str, replaced: str | None) -> str:
    """A filter that reads data graphs and the graph being written, not the ontology, the
    inferred graph being replaced, nor other staging graphs."""
    condition = (f'?{variable} = <{target}> || (?{variable} != <{ontology}> '
                 f'&& !STRSTARTS(STR(?{variable}), "{STAGING}")')
    if replaced:
        condition += f" && ?{variable} != <{replaced}>"
    return f"FILTER({condition}))"


def run_rules(store: ox.Store, ontology: str, target: str, replaced: str | None = None) -> Inference:
    """Apply the rules in `store` until nothing new follows; write into graph `target`."""
    start = time.perf_counter()
    filters = {v: graphs_read(v, ontology, target, replaced) for v in "gkh"}
    updates = [PREFIXES + rule.format(target=target, ontology=ontology, **filters) for rule in RULES.values()]
    size, rounds = -1, 0
    target_node = ox.NamedNode(target)
    while rounds < ROUNDS:
        rounds += 1
        for update in updates:
            store.update(update)
        new_size = sum(1 for _ in store.quads_for_pattern(None, None, None, target_node))
        if new_size == size:
            break
        size = new_size
    return Inference(size, rounds, time.perf_counter() - start)


# In-memory graph names for one graph's closure: what the reference graph alone entails, and
# what the resolution's graph adds.
REFERENCE_INFERRED = "urn:unkg:inferred:reference"
GRAPH_INFERRED = "urn:unkg:inferred:graph"


def inferred_for(inferred: str, graph: str) -> str:
    """The graph of what `graph` entails: graph/A/RES/78/72/zh -> graph/inferred/A/RES/78/72/zh."""
    return f"{inferred}/{graph.removeprefix(inferred.rsplit('/', 1)[0] + '/')}"


def materialize(store: GraphStore, ontology: str, inferred: str, reference: str,
                progress: Callable[[int, int], None] | None = None) -> Inference:
    """Rebuild the inferred graphs: `inferred` holds what the ontology and the reference graph
    entail, and `inferred_for(inferred, g)` what each data graph g adds to them.

    Every rule joins one data triple with the ontology, except the transitive one, whose
    property (subOrganizationOf, the body hierarchy) only the reference graph states. So each
    graph is closed in memory beside the ontology, the reference graph and what the reference
    graph alone entails: the time grows linearly with the corpus, where the rules run over the
    whole store grew faster (61 s at 610k triples, 151 s at 1.2M). Each inferred graph goes in
    whole, as the Loader puts a built resolution (new ones in bulk batches, a replaced one in
    its own transaction): a reader sees a resolution's old inferences or its new ones, never
    half, and memory stays bounded (one inferred graph for all, swapped in one transaction,
    reached 14.7 GB at 30,000 resolutions). Inferred graphs whose data graph is gone are dropped.
    `progress(done, total)` is called with the data graphs done, at the start and after each."""
    start = time.perf_counter()
    context = ox.Store()
    for name in (ontology, reference):
        context.extend(store.store.quads_for_pattern(None, None, None, ox.NamedNode(name)))
    rounds = run_rules(context, ontology, REFERENCE_INFERRED).rounds
    context_nquads = context.dump(format=ox.RdfFormat.N_QUADS)
    stored = store.graph_names()
    names = [g for g in stored if g not in (ontology, inferred, reference) and not g.startswith(inferred + "/")]
    triples = 0

    def put(loader: Loader, closure: ox.Store, graph: str, target: str) -> None:
        nonlocal triples
        node = ox.NamedNode(target)
        quads = [ox.Quad(q.subject, q.predicate, q.object, node)
                 for q in closure.quads_for_pattern(None, None, None, ox.NamedNode(graph))]
        triples += len(quads)
        if quads:
            loader.add(target, ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
        elif store.contains_graph(target):
            store.store.remove_graph(node)

    if progress:
        progress(0, len(names))
    with Loader(store) as loader:
        put(loader, context, REFERENCE_INFERRED, inferred)
        for done, name in enumerate(names, 1):
            memory = ox.Store()
            memory.load(context_nquads, format=ox.RdfFormat.N_QUADS)
            memory.extend(store.store.quads_for_pattern(None, None, None, ox.NamedNode(name)))
            rounds = max(rounds, run_rules(memory, ontology, GRAPH_INFERRED).rounds)
            put(loader, memory, GRAPH_INFERRED, inferred_for(inferred, name))
            if progress:
                progress(done, len(names))
    current = {inferred_for(inferred, name) for name in names}
    for name in stored:
        if name.startswith(inferred + "/") and name not in current:
            store.store.remove_graph(ox.NamedNode(name))
    return Inference(triples, rounds, time.perf_counter() - start)


def vocabulary(ontology: Graph) -> tuple[set, set]:
    """The classes and properties the ontology declares or aligns to."""
    classes, properties = set(), set()
    for s, p, o in ontology:
        if p == RDFS.subClassOf or (p == RDF.type and o == OWL.Class):
            classes.update(t for t in (s, o) if isinstance(t, URIRef) and t != OWL.Class)
        if p in (RDFS.subPropertyOf, OWL.inverseOf) or (p == RDF.type and o in (OWL.ObjectProperty, OWL.DatatypeProperty)):
            properties.update(t for t in (s, o) if isinstance(t, URIRef) and t not in (OWL.ObjectProperty, OWL.DatatypeProperty))
        if p in (RDFS.domain, RDFS.range) and isinstance(o, URIRef):
            classes.add(o)
    return classes, properties


def in_vocabulary(triples, ontology: Graph) -> set:
    """The instance-level triples about the ontology's vocabulary: types with its classes and
    statements with its properties, about nodes that are not terms of the ontology."""
    classes, properties = vocabulary(ontology)
    schema = set(ontology.subjects())
    kept = set()
    for s, p, o in triples:
        if s in schema or isinstance(s, (BNode, Literal)):
            continue
        if (p == RDF.type and o in classes) or (p in properties and p != RDF.type):
            kept.add((s, p, o))
    return kept


def owlrl_closure(data: Graph, ontology: Graph | None = None) -> set:
    """The reference: owlrl's OWL 2 RL closure of data and ontology, minus what was there,
    for the ontology's vocabulary."""
    ontology = ontology or ontology_graph()
    graph = Graph()
    for triple in data:
        graph.add(triple)
    for triple in ontology:
        graph.add(triple)
    before = set(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return in_vocabulary(set(graph) - before, ontology)


def rules_closure(data: Graph, ontology: Graph | None = None) -> set:
    """The production rules run in an in-memory Oxigraph over data and ontology."""
    ontology = ontology or ontology_graph()
    store = ox.Store()
    data_name, ontology_name, target = "urn:unkg:data", "urn:unkg:ontology", "urn:unkg:inferred"
    store.extend(ox.Quad(*map(to_oxigraph, t), ox.NamedNode(data_name)) for t in data)
    store.extend(ox.Quad(*map(to_oxigraph, t), ox.NamedNode(ontology_name)) for t in ontology)
    run_rules(store, ontology_name, target)
    inferred = set()
    for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(target)):
        inferred.add(tuple(to_rdflib(term) for term in (quad.subject, quad.predicate, quad.object)))
    return in_vocabulary(inferred - set(data), ontology)
