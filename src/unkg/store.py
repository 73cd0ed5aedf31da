"""Store stage: the embedded Oxigraph store (pyoxigraph, on disk).

Each language version lives in its own named graph. A graph is replaced atomically: it is
loaded into a staging graph (one transaction) and moved over the old one by a single
SPARQL update (another transaction), so readers see the old resolution or the new one,
never a mix, and an interrupted build leaves at worst a staging graph that the next
write removes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from .errors import UnkgError
from .vocab import UNKG

DEFAULT_STORE = ".unkg/store"
STAGING = "urn:unkg:staging:"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
           "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD,
           "nq": ox.RdfFormat.N_QUADS}
QUAD_FORMATS = {"trig", "nq", "jsonld"}


def default_store_path() -> str:
    return os.environ.get("UNKG_STORE") or DEFAULT_STORE


def to_oxigraph(term):
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def term_text(term) -> str | None:
    """A query result term as plain text for tables and CSV."""
    if term is None:
        return None
    return term.value


class GraphStore:
    """A pyoxigraph store on disk, with named-graph replacement and bound queries."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False):
        self.path = str(path or default_store_path())
        try:
            if read_only:
                if not Path(self.path).is_dir():
                    raise UnkgError(f"no store at {self.path}",
                                    "build one first: unkg build FILE... (or give --store DIR)")
                self.store = ox.Store.read_only(self.path)
            else:
                Path(self.path).mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(self.path)
                for graph in list(self.store.named_graphs()):
                    if graph.value.startswith(STAGING):  # left by an interrupted build
                        self.store.remove_graph(graph)
        except OSError as error:
            raise UnkgError(f"cannot open the store at {self.path}: {error}",
                            "check that no other unkg process is writing to it") from None

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs()
                      if not g.value.startswith(STAGING))

    def holds_source(self, sha256: str, extractor: str) -> bool:
        """Whether a graph was built from a file with this hash by this extractor."""
        return bool(self.store.query(
            "ASK { GRAPH ?g { ?version ?source ?file ; ?extractorProperty ?extractor . "
            "?file ?hash ?sha256 } }",
            substitutions={ox.Variable("source"): ox.NamedNode(str(UNKG.source)),
                           ox.Variable("extractorProperty"): ox.NamedNode(str(UNKG.extractor)),
                           ox.Variable("extractor"): ox.Literal(extractor),
                           ox.Variable("hash"): ox.NamedNode(str(UNKG.sha256)),
                           ox.Variable("sha256"): ox.Literal(sha256)}))

    def replace_graph(self, graph: Graph) -> None:
        """Put `graph` in the store as the named graph `graph.identifier`, atomically."""
        name = ox.NamedNode(str(graph.identifier))
        staging = ox.NamedNode(STAGING + str(graph.identifier))
        self.store.remove_graph(staging)
        self.store.extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), staging)
                          for s, p, o in graph)
        self.store.update(f"MOVE SILENT GRAPH {staging} TO GRAPH {name}")

    def remove_graph(self, graph: URIRef) -> None:
        self.store.remove_graph(ox.NamedNode(str(graph)))

    def graph(self, name: str) -> Graph:
        """One named graph as an rdflib Graph (for validation)."""
        graph = Graph(identifier=URIRef(name))
        for quad in self.store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        return graph

    def query(self, sparql: str):
        """Run a SELECT or ASK query over the union of the graphs (never a staging graph)."""
        graphs = [g for g in self.store.named_graphs() if not g.value.startswith(STAGING)]
        return self.store.query(sparql, default_graph=graphs or ox.DefaultGraph())

    def export(self, output, format: str) -> None:
        """Write the store, sorted so that exports diff cleanly: quad formats keep the named
        graphs, triple formats merge them."""
        if format in QUAD_FORMATS:
            quads = sorted((q for q in self.store if not q.graph_name.value.startswith(STAGING)),
                           key=str)
            ox.serialize(quads, output, FORMATS[format], prefixes=PREFIXES)
        else:
            triples = {ox.Triple(q.subject, q.predicate, q.object) for q in self.store
                       if not q.graph_name.value.startswith(STAGING)}
            ox.serialize(sorted(triples, key=str), output, FORMATS[format],
                         **({"prefixes": PREFIXES} if format == "turtle" else {}))

    def close(self) -> None:
        self.store.flush()
        del self.store


PREFIXES = {"unkg": str(UNKG), "skos": "http://www.w3.org/2004/02/skos/core#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "phrase": "https://w3id.org/unkg/phrase/"}


def to_rdflib(term):
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:  # plain and xsd:string literals are one in RDF 1.1
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))
