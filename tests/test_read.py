"""Decoding input files, and the folded view's offset map."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unkg.errors import InputError
from unkg.read import fold, fold_character, read_source

TEXT = "  78/72. 和平利用外层空间方面的国际合作\n 大会，\n"


@pytest.mark.parametrize("name, data, encoding", [
    ("utf8.txt", TEXT.encode("utf-8"), "utf-8"),
    ("bom.txt", b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    ("utf16.txt", TEXT.encode("utf-16"), "utf-16"),
    ("gb18030.txt", TEXT.encode("gb18030"), "gb18030"),
])
def test_encodings_are_read(tmp_path, name, data, encoding):
    path = tmp_path / name
    path.write_bytes(data)
    source = read_source(path)
    assert (source.text, source.encoding) == (TEXT, encoding)


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n", "empty"),
    ("binary.bin", b"\x00\x01\x02abc", "binary"),
    ("broken.pdf", b"%PDF-1.4\n...", "PDF"),
])
def test_bad_input_names_the_file(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as caught:
        read_source(path)
    assert str(path) in str(caught.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_source(tmp_path / "nope.txt")


@pytest.mark.parametrize("raw, folded", [
    ("２．", "2."),
    ("７８／７２", "78/72"),
    ("决议，2", "决议,2"),
    ("A\u200bB", "AB"),
    ("（第一委员会）", "(第一委员会)"),
])
def test_fold(raw, folded):
    assert fold(raw).text == folded


def fold_one_by_one(text: str) -> tuple[str, tuple[int, ...]]:
    """The definition of folding: each character on its own, with where it came from."""
    out, origin = [], []
    for i, char in enumerate(text):
        folded = fold_character(char)
        out.append(folded)
        origin.extend([i] * len(folded))
    return "".join(out), (*origin, len(text))


@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from("㈠㍻\u200b\u00ad２．，ﬁ"))))
def test_fold_folds_each_character_on_its_own(text):
    folded = fold(text)
    assert (folded.text, folded.origin) == fold_one_by_one(text)


@given(st.text())
def test_fold_maps_every_character_back(text):
    folded = fold(text)
    assert len(folded.origin) == len(folded.text) + 1
    assert list(folded.origin) == sorted(folded.origin)
    for i, char in enumerate(folded.text):
        start, end = folded.unfold(i, i + 1)
        assert 0 <= start < end <= len(text)
