"""Bad input: each case gives one clear message naming the file (and line where it applies),
the other files of the same run still build, and the exit code says something failed.

The inputs are made here from the committed example (examples/A_RES_78_72.zh.txt).
"""

from __future__ import annotations

import io

import pypdf
import pytest
from click.testing import CliRunner

from unkg.cli import main
from unkg.layout import parse
from unkg.read import read_source

from conftest import EXAMPLE

TEXT = EXAMPLE.read_text(encoding="utf-8")


def blank_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def truncated() -> bytes:
    cut = TEXT.index("满意地注意到全球导航卫星系统国际委员会") + 30  # mid-paragraph op 28
    return TEXT[:cut].encode("utf-8")


# name, content, what the message says
REFUSED = [
    ("empty.zh.txt", b"", "the file is empty"),
    ("binary.zh.txt", bytes(range(256)) * 4, "binary"),
    ("scan.pdf", blank_pdf(), "no text layer"),
    ("prose.zh.txt", "这是一段文字，不是决议。\n".encode("utf-8"), "not a resolution"),
    ("latin1.txt", "Résolution café naïve \xff".encode("latin-1"), "not UTF-8"),
    ("cut.zh.txt", TEXT.encode("utf-8")[:9000], "ends inside a character: it is truncated"),
]


@pytest.mark.parametrize("name, content, message", REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_with_a_clear_message_and_the_others_still_build(tmp_path, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    result = CliRunner().invoke(main, ["build", str(bad), str(EXAMPLE), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    line = next(line for line in result.stderr.splitlines() if line.startswith("error:"))
    assert str(bad) in line and message in line
    assert "1 loaded, 1 failed" in result.stderr


def test_a_file_too_large_to_be_a_resolution(tmp_path):
    big = tmp_path / "big.zh.txt"
    with open(big, "wb") as out:
        out.write(TEXT.encode("utf-8"))
        out.write(b" " * (50 * 1024 * 1024))
    result = CliRunner().invoke(main, ["build", str(big), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1 and "too large to be a resolution" in result.stderr


@pytest.mark.parametrize("encoding, prefix", [("gb18030", b""), ("utf-16", b""), ("utf-8", b"\xef\xbb\xbf")])
def test_other_encodings_read_the_same(tmp_path, encoding, prefix):
    path = tmp_path / f"A_RES_78_72.{encoding}.zh.txt"
    path.write_bytes(prefix + TEXT.encode(encoding))
    layout = parse(read_source(path))
    reference = parse(read_source(EXAMPLE))
    assert [p.block.text for p in layout.paragraphs] == [p.block.text for p in reference.paragraphs]


def test_windows_line_endings_read_the_same(tmp_path):
    path = tmp_path / "A_RES_78_72.crlf.zh.txt"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode("utf-8"))
    layout = parse(read_source(path))
    assert [p.block.text for p in layout.paragraphs] == [p.block.text for p in parse(read_source(EXAMPLE)).paragraphs]
    assert (len(layout.paragraphs), len(layout.footnotes), layout.adopted.isoformat()) == (62, 32, "2023-12-07")


def test_unicode_tricks_parse_as_their_ordinary_forms(tmp_path):
    """Full-width digits in the symbol and numbers, zero-width spaces, NFKC-different punctuation."""
    tricky = (TEXT.replace("78/72.", "７８／７２．", 1)
                  .replace("第 62/217号决议认可的", "第 ６２／２１７\u200b号决议认可的")
                  .replace(" 3. 注意到", " ３． 注意到"))
    path = tmp_path / "A_RES_78_72.tricks.zh.txt"
    path.write_text(tricky, encoding="utf-8")
    from unkg.pipeline import read_resolution
    x = read_resolution(path)
    assert x.symbol == "A/RES/78/72"
    assert [p.number for p in x.layout.paragraphs if p.kind == "operative"] == list(range(1, 47))
    assert any(c.target.key == "A/RES/62/217" and c.paragraph.number == 16 for c in x.citations)


def test_a_truncated_resolution_is_reported_and_not_loaded(tmp_path):
    path = tmp_path / "A_RES_78_72.cut.zh.txt"
    path.write_bytes(truncated())
    result = CliRunner().invoke(main, ["build", str(path), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert f"warning: {path}:" in result.stderr and "may be truncated" in result.stderr
    assert "invalid:" in result.stderr and "adoptionDate" in result.stderr


def test_two_files_claiming_one_resolution_with_different_content(tmp_path):
    other = tmp_path / "A_RES_78_72.other.zh.txt"
    other.write_text(TEXT.replace("强调使人类得以探索宇宙", "强调使全人类得以探索宇宙"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), str(other), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert f"{other}: A/RES/78/72 (zh) was already built in this run from {EXAMPLE}" in result.stderr
