"""Inference: the production rules give exactly what owlrl gives for the ontology's vocabulary."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
from click.testing import CliRunner
from rdflib import Graph, URIRef

from unkg.cli import main
from unkg.infer import materialize, owlrl_closure, rules_closure, run_rules
from unkg.iris import Iris
from unkg.mapping import reference_graph
from unkg.pipeline import build, build_resolution
from unkg.store import GraphStore
from unkg.vocab import UNKG

from conftest import EXAMPLE

IRIS = Iris()


def test_rules_equal_owlrl_on_the_reference_document():
    data = build_resolution(EXAMPLE, IRIS).graph
    assert rules_closure(data) == owlrl_closure(data)


def test_rules_equal_owlrl_on_real_resolutions_with_the_body_hierarchy(corpus):
    data = Graph()
    for path in (EXAMPLE, corpus / "ga" / "A_RES_73_8.en.pdf", corpus / "sc" / "S_RES_678_1990.en.txt",
                 corpus / "ga" / "A_RES_80_13.en.md"):
        for triple in build_resolution(path, IRIS).graph:
            data.add(triple)
    for triple in reference_graph(IRIS):
        data.add(triple)
    inferred = rules_closure(data)
    assert inferred == owlrl_closure(data)
    expected = [  # what the ontology's axioms entail, one of each kind
        (IRIS.doc("A/RES/62/217"), UNKG.recalledBy, IRIS.doc("A/RES/78/72")),  # inverse
        (IRIS.doc("A/RES/78/72"), UNKG.cites, IRIS.doc("A/RES/62/217")),  # sub-property
        (IRIS.doc("A/RES/78/72"), URIRef("http://data.europa.eu/eli/ontology#cites"), IRIS.doc("A/RES/62/217")),
        (IRIS.body("A/AC.105/C.2/WG.SRA"), UNKG.subOrganizationOf, IRIS.body("UN")),  # transitive
        (IRIS.doc("A/RES/78/72"), URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
         URIRef("http://data.europa.eu/eli/ontology#LegalResource")),  # sub-class
    ]
    assert all(triple in inferred for triple in expected)


def test_graph_by_graph_entails_what_the_rules_entail_over_the_whole_store(tmp_path, corpus):
    store = GraphStore(tmp_path / "store")
    build([EXAMPLE, corpus / "ga" / "A_RES_73_8.en.pdf", corpus / "sc" / "S_RES_678_1990.en.txt",
           corpus / "ga" / "A_RES_80_13.en.md"], store=store, iris=IRIS, validate=False)

    def triples(graph: str | None = None) -> set:
        return {(q.subject, q.predicate, q.object) for q in store.store.quads_for_pattern(
            None, None, None, None if graph is None else ox.NamedNode(graph))}
    stated = triples()
    run_rules(store.store, str(IRIS.ontology_graph), "urn:test:whole-store")
    whole_store = triples("urn:test:whole-store")
    store.store.remove_graph(ox.NamedNode("urn:test:whole-store"))
    materialize(store, str(IRIS.ontology_graph), str(IRIS.inferred_graph), str(IRIS.reference_graph))
    inferred = [n for n in store.graph_names() if n.startswith(str(IRIS.inferred_graph))]
    by_graph = set().union(*(triples(name) for name in inferred))
    assert f"{IRIS.inferred_graph}/A/RES/78/72/zh" in inferred and len(inferred) == 5  # the reference's, 4 resolutions
    assert len(whole_store) > 1000
    assert stated | whole_store == stated | by_graph


def test_infer_command_materialises_a_graph_that_queries_see_and_rebuilds_it(tmp_path):
    store = str(tmp_path / "store")
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(EXAMPLE), "--store", store, "--infer"])
    assert result.exit_code == 0 and "inferred" in result.stderr
    sparql = ("PREFIX unkg: <https://w3id.org/unkg/ontology#> SELECT ?r WHERE "
              "{ <https://w3id.org/unkg/doc/A/RES/62/217> unkg:recalledBy ?r }")
    rows = list(csv.reader(io.StringIO(runner.invoke(main, ["query", "--sparql", sparql, "--store", store,
                                                            "--format", "csv"]).stdout)))
    assert rows == [["r"], ["https://w3id.org/unkg/doc/A/RES/78/72"]]
    first = runner.invoke(main, ["infer", "--store", store]).stderr
    second = runner.invoke(main, ["infer", "--store", store]).stderr
    assert first.split(" in ")[0] == second.split(" in ")[0]  # same number of triples: rebuilt, not added
    assert runner.invoke(main, ["validate", "--store", store]).exit_code == 0


def test_a_removed_resolution_loses_its_inferences_at_the_next_infer(tmp_path):
    files = []
    for number in (100, 101):
        path = tmp_path / f"A_RES_78_{number}.zh.txt"
        path.write_text(EXAMPLE.read_text(encoding="utf-8").replace("78/72.", f"78/{number}.", 1), encoding="utf-8")
        files.append(str(path))
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(main, ["build", *files, "--store", store, "--infer"]).exit_code == 0
    assert runner.invoke(main, ["remove", "78/100", "--store", store]).exit_code == 0
    assert runner.invoke(main, ["infer", "--store", store]).exit_code == 0
    names = GraphStore(store, read_only=True).graph_names()
    inferred = sorted(n.removeprefix(str(IRIS.inferred_graph)) for n in names if n.startswith(str(IRIS.inferred_graph)))
    assert inferred == ["", "/A/RES/78/101/zh"]
