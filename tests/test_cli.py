"""The CLI contract, through click's CliRunner on the reference document."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import to_isomorphic

from unkg.cli import main

from conftest import EXAMPLE


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "store"
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return str(path)


def run(*args, code=0):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == code, result.output
    return result


def query_csv(store, name, symbol):
    output = run("query", name, "--param", f"symbol={symbol}", "--store", store, "--format", "csv").stdout
    return list(csv.DictReader(io.StringIO(output)))


def test_recalling_62_217(store):
    rows = query_csv(store, "recalling", "62/217")
    assert [(r["resolution"], r["adopted"], r["paragraph"]) for r in rows] == [("A/RES/78/72", "2023-12-07", "pp 1")]
    assert rows[0]["text"].startswith("回顾其 1996年 12月 13 日第 51/122 号")
    assert list(rows[0]) == ["resolution", "adopted", "paragraph", "text"]


@pytest.mark.parametrize("symbol", ["62/217", "A/RES/62/217", " A/RES/62/217 "])
def test_symbol_forms(store, symbol):
    assert len(query_csv(store, "recalling", symbol)) == 1


def test_resolution(store):
    assert query_csv(store, "resolution", "78/72") == [{
        "symbol": "A/RES/78/72", "title": "和平利用外层空间方面的国际合作", "adopted": "2023-12-07",
        "meeting": "A/78/PV.45", "session": "A/78", "language": "zh"}]


def test_paragraphs(store):
    rows = query_csv(store, "paragraphs", "78/72")
    assert list(rows[0]) == ["paragraph", "kind", "number", "phrase", "text"]
    assert [r["kind"] for r in rows].count("preambular") == 16
    assert [int(r["number"]) for r in rows if r["kind"] == "operative"] == list(range(1, 47))
    assert {r["paragraph"]: r["phrase"] for r in rows}["op 6"] == "note (withSatisfaction)"


def test_cites(store):
    rows = query_csv(store, "cites", "78/72")
    assert list(rows[0]) == ["target", "kind", "relation", "paragraph"]
    recalled = {r["target"] for r in rows if r["relation"] == "recalls" and r["paragraph"] == "pp 1"}
    assert len(recalled) == 29
    documents = {r["target"] for r in rows if r["kind"] == "document"}
    assert len(documents) == 13
    treaties = {r["target"] for r in rows if r["kind"] == "treaty"}
    assert "UNTS vol. 610, No. 8843" in treaties and len(treaties) == 6
    assert {"target": "A/78/20", "kind": "document", "relation": "endorses", "paragraph": "op 45"} in rows


def test_queries_lists_the_named_queries():
    output = run("queries").stdout
    for name in ("recalling", "cites", "paragraphs", "resolution"):
        assert name in output


def dump(path):
    store = ox.Store.read_only(path)
    return sorted(str(q) for q in store)


def test_second_build_changes_nothing(store):
    before = dump(store)
    result = run("build", str(EXAMPLE), "--store", store)
    assert "unchanged" in result.stderr
    assert dump(store) == before


@pytest.mark.parametrize("fmt, parse_as", [("turtle", "turtle"), ("nt", "nt"), ("trig", "trig"),
                                           ("jsonld", "json-ld"), ("nq", "nquads")])
def test_export_round_trips(store, tmp_path, fmt, parse_as):
    out = tmp_path / f"export.{fmt}"
    run("export", "--format", fmt, "--store", store, "--out", str(out))
    data = Dataset() if parse_as in ("trig", "json-ld", "nquads") else Graph()
    data.parse(out, format=parse_as)
    assert len(data) > 0 if isinstance(data, Graph) else sum(len(g) for g in data.graphs()) > 2000
    again = tmp_path / f"again.{fmt}"
    run("export", "--format", fmt, "--store", store, "--out", str(again))
    assert out.read_bytes() == again.read_bytes(), "exports are not deterministic"


def test_build_to_file_matches_the_store(store, tmp_path):
    out = tmp_path / "graph.nt"
    run("build", str(EXAMPLE), "--out", str(out))
    exported = tmp_path / "store.nt"
    run("export", "--format", "nt", "--store", store, "--out", str(exported))
    assert to_isomorphic(Graph().parse(out)) == to_isomorphic(Graph().parse(exported))


def test_query_data_files_with_rdflib(tmp_path):
    out = tmp_path / "graph.trig"
    run("build", str(EXAMPLE), "--out", str(out))
    output = run("query", "recalling", "--param", "symbol=62/217", "--data", str(out), "--format", "json").stdout
    assert [row["paragraph"] for row in json.loads(output)] == ["pp 1"]


def test_validate_store_conforms(store):
    result = run("validate", "--store", store)
    assert "conforms" in result.stderr


def test_validate_text_file(store):
    run("validate", str(EXAMPLE))


def test_validate_exit_code_1_on_a_nonconforming_graph(tmp_path):
    graph = tmp_path / "bad.ttl"
    graph.write_text('@prefix unkg: <https://w3id.org/unkg/ontology#> .\n'
                     '<https://w3id.org/unkg/doc/A/RES/1/1> a unkg:Resolution ; unkg:symbol "not a symbol" .\n')
    result = run("validate", str(graph), code=1)
    assert "does not conform" in result.stderr


def test_validate_turtle_report(tmp_path):
    graph = tmp_path / "bad.ttl"
    graph.write_text('@prefix unkg: <https://w3id.org/unkg/ontology#> .\n'
                     '<https://w3id.org/unkg/doc/A/RES/1/1> a unkg:Resolution ; unkg:symbol "x" .\n')
    report = run("validate", str(graph), "--format", "turtle", code=1).stdout
    assert "sh:ValidationReport" in report and "sh:conforms false" in report


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_validate_with_either_engine_gives_the_same_table(tmp_path, engine):
    graph = tmp_path / "bad.ttl"
    graph.write_text('@prefix unkg: <https://w3id.org/unkg/ontology#> .\n'
                     '<https://w3id.org/unkg/doc/A/RES/1/1> a unkg:Resolution ; unkg:symbol "x" .\n')
    result = run("validate", str(graph), "--engine", engine, code=1)
    assert "does not conform" in result.stderr and "needs one symbol" in result.stderr  # the shape's message


def test_missing_store_is_an_error_with_a_remedy(tmp_path):
    result = run("query", "recalling", "--param", "symbol=62/217", "--store", str(tmp_path / "none"), code=2)
    assert "no store" in result.stderr and "unkg build" in result.stderr


def test_bad_files_are_reported_and_the_others_still_build(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    prose = tmp_path / "prose.zh.txt"
    prose.write_text("这不是决议。\n")
    result = run("build", str(empty), str(EXAMPLE), str(prose), "--store", str(tmp_path / "s"), code=1)
    assert f"{empty}: the file is empty" in result.stderr
    assert f"{prose}:1: not a resolution" in result.stderr
    assert "1 loaded, 2 failed" in result.stderr


def test_unknown_query_lists_the_named_ones(store):
    result = run("query", "nope", "--store", store, code=2)
    assert "recalling" in result.stderr


def test_missing_parameter_says_which(store):
    result = run("query", "recalling", "--store", store, code=2)
    assert "--param symbol=VALUE" in result.stderr


@pytest.mark.parametrize("value", ['62/217" } DROP ALL #', "62/217' } } DROP ALL",
                                   '62/217" . ?s ?p ?o } #', "62/217\\", '"""'])
def test_parameters_are_bound_not_pasted(store, value):
    before = dump(store)
    result = run("query", "recalling", "--param", f"symbol={value}", "--store", store, "--format", "csv")
    assert result.stdout.strip() == "resolution,adopted,paragraph,text"
    assert dump(store) == before


@pytest.mark.parametrize("command", ["build", "query", "queries", "validate", "export", "remove"])
def test_every_command_has_help_with_an_example(command):
    output = run(command, "--help").stdout
    assert "Example" in output and "unkg " in output


def test_validate_in_parallel_gives_what_one_process_gives(store):
    one = run("validate", "--store", store, "--jobs", "1").stderr
    two = run("validate", "--store", store, "--jobs", "2").stderr
    assert one == two and "conforms" in one


def copies(folder, numbers, text=EXAMPLE.read_text(encoding="utf-8")):
    """Copies of the example as resolutions 78/<number> (distinct symbols, distinct graphs)."""
    paths = []
    for number in numbers:
        path = folder / f"A_RES_78_{number}.zh.txt"
        path.write_text(text.replace("78/72.", f"78/{number}.", 1), encoding="utf-8")
        paths.append(str(path))
    return paths


def graphs(store):
    """Each named graph's quads, by graph name."""
    found: dict[str, list[str]] = {}
    for quad in ox.Store.read_only(store):
        found.setdefault(quad.graph_name.value, []).append(str(quad))
    return {name: sorted(quads) for name, quads in found.items()}


def test_a_parallel_build_gives_what_one_process_gives(tmp_path):
    files = copies(tmp_path, range(100, 106))
    run("build", *files, "--store", str(tmp_path / "one"), "--jobs", "1")
    result = run("build", *files, "--store", str(tmp_path / "two"), "--jobs", "2")
    assert graphs(str(tmp_path / "one")) == graphs(str(tmp_path / "two"))
    assert "6 files: 6 loaded; 6 resolutions, 12960 triples, 0 warnings, 0 errors" in result.stderr


def test_a_changed_file_replaces_its_graph_only(tmp_path):
    files = copies(tmp_path, range(100, 104))
    store = str(tmp_path / "store")
    run("build", *files, "--store", store)
    before = graphs(store)
    text = EXAMPLE.read_text(encoding="utf-8").replace("回顾其", "回顾其各项", 1)
    copies(tmp_path, [101], text)
    result = run("build", *files, "--store", store)
    assert "3 unchanged" in result.stderr and "1 loaded" in result.stderr
    after = graphs(store)
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert changed == {"https://w3id.org/unkg/graph/A/RES/78/101/zh"}
    assert any("回顾其各项" in quad for quad in after["https://w3id.org/unkg/graph/A/RES/78/101/zh"])


def test_remove_drops_a_resolution_and_nothing_else(tmp_path):
    files = copies(tmp_path, range(100, 103))
    store = str(tmp_path / "store")
    run("build", *files, "--store", store)
    before = graphs(store)
    result = run("remove", "78/101", "--store", store)
    assert "removed A/RES/78/101" in result.stderr
    after = graphs(store)
    assert set(before) - set(after) == {"https://w3id.org/unkg/graph/A/RES/78/101/zh"}
    assert all(after[name] == before[name] for name in after)
    rows = query_csv(store, "resolution", "78/101")
    assert rows == []
    assert "no A/RES/78/101" in run("remove", "78/101", "--store", store, code=1).stderr
    rebuilt = run("build", *files, "--store", store).stderr  # the file is no longer "unchanged"
    assert "1 loaded" in rebuilt and graphs(store) == before


def test_a_folder_builds_the_resolution_files_under_it(tmp_path):
    (tmp_path / "texts").mkdir()
    copies(tmp_path / "texts", [100])
    (tmp_path / "texts" / "notes.csv").write_text("not a resolution", encoding="utf-8")
    result = run("build", str(tmp_path / "texts"), "--store", str(tmp_path / "store"))
    assert "1 files: 1 loaded" in result.stderr


def test_optimize_compacts_and_a_large_build_suggests_it(tmp_path, monkeypatch):
    import unkg.cli
    files = copies(tmp_path, range(100, 102))
    store = str(tmp_path / "store")
    assert "unkg optimize" not in run("build", files[0], "--store", store).stderr  # 3,000 triples: no hint
    monkeypatch.setattr(unkg.cli, "OPTIMIZE_HINT_TRIPLES", 1000)
    assert f"unkg optimize --store {store}" in run("build", files[1], "--store", store).stderr
    before = graphs(store)
    assert "compacted" in run("optimize", "--store", store).stderr
    assert graphs(store) == before and query_csv(store, "resolution", "78/101") != []
