"""The bundled ontology, and the generator of its closed namespace (`unkg.vocab`).

Regenerate after editing ontology/unkg.ttl: `make vocab`; a test fails while they differ.
"""

from __future__ import annotations

import sys
from functools import cache

from rdflib import OWL, RDF, Graph, URIRef

from .resources import data_file

ONTOLOGY_NS = "https://w3id.org/unkg/ontology#"
ONTOLOGY_IRI = URIRef("https://w3id.org/unkg/ontology")


@cache
def ontology_graph() -> Graph:
    """ontology/unkg.ttl, parsed."""
    graph = Graph()
    graph.parse(data=data_file("ontology", "unkg.ttl").read_text(encoding="utf-8"), format="turtle")
    return graph


def ontology_terms(graph: Graph) -> dict[str, list[str]]:
    """The local names the ontology declares, by kind."""
    kinds = {"classes": OWL.Class, "object properties": OWL.ObjectProperty,
             "datatype properties": OWL.DatatypeProperty}
    return {name: sorted(str(s)[len(ONTOLOGY_NS):] for s in graph.subjects(RDF.type, kind)
                         if str(s).startswith(ONTOLOGY_NS))
            for name, kind in kinds.items()}


def render_vocab(graph: Graph) -> str:
    """Python source of the closed namespace for the ontology's terms."""
    lines = ['"""The unkg ontology\'s terms as a closed namespace: a typo raises AttributeError.',
             "",
             "Generated from ontology/unkg.ttl by `make vocab`; do not edit.",
             '"""',
             "",
             "from rdflib import URIRef",
             "from rdflib.namespace import DefinedNamespace, Namespace",
             "",
             "",
             "class UNKG(DefinedNamespace):",
             "    _fail = True",
             f'    _NS = Namespace("{ONTOLOGY_NS}")']
    for kind, names in ontology_terms(graph).items():
        lines += ["", f"    # {kind}"] + [f"    {name}: URIRef" for name in names]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "src/unkg/vocab.py"
    with open(target, "w", encoding="utf-8") as out:
        out.write(render_vocab(ontology_graph()))
    print(f"wrote {target}")
