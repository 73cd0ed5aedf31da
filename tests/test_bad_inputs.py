"""Bad input: each file of tests/bad_inputs gives one clear message naming the file (and line
where it applies), the other files of the same run still build, and the exit code says that
something failed; other encodings and Unicode variants read as the example.

cases.json says what is expected of each file; make_inputs.py makes them from the example.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from unkg.cli import main
from unkg.layout import parse
from unkg.pipeline import read_resolution
from unkg.read import fold, read_source

from conftest import EXAMPLE

HERE = Path(__file__).resolve().parent / "bad_inputs"
CASES = json.loads((HERE / "cases.json").read_text(encoding="utf-8"))


def build(tmp_path, *paths):
    return CliRunner().invoke(main, ["build", *map(str, paths), "--store", str(tmp_path / "store")])


def test_the_set_is_what_make_inputs_writes():
    import runpy
    files = runpy.run_path(str(HERE / "make_inputs.py"))["FILES"]
    for name, content in files.items():
        assert (HERE / name).read_bytes() == content, f"run tests/bad_inputs/make_inputs.py ({name})"


@pytest.mark.parametrize("name", sorted(CASES["refused"]))
def test_refused_with_a_clear_message_and_the_others_still_build(tmp_path, name):
    result = build(tmp_path, HERE / name, EXAMPLE)
    assert result.exit_code == 1
    line = next(line for line in result.stderr.splitlines() if line.startswith("error:"))
    assert str(HERE / name) in line and CASES["refused"][name] in line
    assert "1 loaded, 1 failed" in result.stderr


@pytest.mark.parametrize("name", CASES["read as the example"])
def test_read_as_the_example(name):
    layout = parse(read_source(HERE / name))
    example = parse(read_source(EXAMPLE))
    assert [fold(p.block.text).text for p in layout.paragraphs] == [fold(p.block.text).text for p in example.paragraphs]
    assert (len(layout.footnotes), layout.adopted, layout.symbol) == (32, example.adopted, "A/RES/78/72")


def test_unicode_tricks_cite_as_their_ordinary_forms():
    x = read_resolution(HERE / "tricks.zh.txt")
    assert [p.number for p in x.layout.paragraphs if p.kind == "operative"] == list(range(1, 47))
    assert any(c.target.key == "A/RES/62/217" and c.paragraph.number == 16 for c in x.citations)


@pytest.mark.parametrize("name", sorted(CASES["not loaded"]))
def test_warned_with_file_and_line_then_refused_by_the_shapes(tmp_path, name):
    result = build(tmp_path, HERE / name)
    assert result.exit_code == 1
    assert f"warning: {HERE / name}:" in result.stderr and CASES["not loaded"][name] in result.stderr
    assert "invalid:" in result.stderr and "adoptionDate" in result.stderr


def test_two_files_claiming_one_resolution_with_different_texts(tmp_path):
    other = HERE / CASES["same resolution, other text"]
    result = build(tmp_path, EXAMPLE, other)
    assert result.exit_code == 1
    assert f"{other}: A/RES/78/72 (zh) was already built in this run from {EXAMPLE}" in result.stderr


def test_a_file_too_large_to_be_a_resolution(tmp_path):
    big = tmp_path / "big.zh.txt"
    with open(big, "wb") as out:
        out.write(EXAMPLE.read_bytes())
        out.write(b" " * (50 * 1024 * 1024))
    result = build(tmp_path, big, EXAMPLE)
    assert result.exit_code == 1 and "too large to be a resolution" in result.stderr
    assert "1 loaded, 1 failed" in result.stderr
