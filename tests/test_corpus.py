"""Real documents of the corpus (../shared/corpus), English and Security Council texts.

Expectations are written from reading the documents. With UNKG_REQUIRE_CORPUS=1 (CI) a
missing corpus fails these tests instead of skipping them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from unkg.errors import InputError
from unkg.iris import Iris, normalise_symbol
from unkg.mapping import reference_graph
from unkg.pipeline import build_resolution, read_resolution


IMAGE_ONLY = "A_RES_2758_XXVI.ru.pdf"  # a scan with no text layer


def corpus_files(corpus):
    return sorted(p for folder in ("ga", "sc", "drafts") for p in (corpus / folder).iterdir())


def test_every_file_builds_and_conforms(corpus):
    """Every file in ga/, sc/ and drafts/ (texts and PDFs) parses, maps and passes SHACL."""
    iris = Iris()
    reference = reference_graph(iris)
    failures = []
    files = [p for p in corpus_files(corpus) if p.name != IMAGE_ONLY]
    assert len(files) >= 95
    for path in files:
        built = build_resolution(path, iris, reference)
        if not built.validation.conforms:
            failures.append(f"{path.name}: {built.validation.findings[:2]}")
    assert failures == []


def test_a_pdf_without_text_layer_says_so(corpus):
    with pytest.raises(InputError, match="no text layer") as caught:
        read_resolution(corpus / "drafts" / IMAGE_ONLY)
    assert IMAGE_ONLY in str(caught.value) and "OCR" in str(caught.value)


@pytest.mark.parametrize("name, linked, found", [
    ("A_RES_73_3.en.pdf", 11, 11), ("A_RES_73_6.en.pdf", 30, 30), ("A_RES_73_8.en.pdf", 28, 28),
    # 73/7 links "the International Criminal Court for 2017/18" (a reporting period) to E/RES/2017/18
    ("A_RES_73_7.en.pdf", 12, 11),
])
def test_pdfs_yield_the_symbols_they_link(corpus, name, linked, found):
    x = read_resolution(corpus / "ga" / name)
    links = {normalise_symbol(s) for s in x.layout.source.links}
    extracted = {c.target.key for c in x.citations} | {r.symbol for r in x.references}
    assert (len(links), len(links & extracted)) == (linked, found)


@pytest.mark.parametrize("name, symbol, record, title", [
    ("A_L.632.en.pdf", "A/L.632", None,
     "RESTORATION OF THE LAWFUL RIGHTS OF THE PEOPLE'S REPUBLIC OF CHINA IN THE UNITED NATIONS"),
    ("UNDL-453500_draft_res_right_to_development_2001.en.txt", "UNDL/453500", "453500", "The right to development"),
])
def test_drafts(corpus, name, symbol, record, title):
    x = read_resolution(corpus / "drafts" / name)
    assert (x.layout.kind, x.symbol, x.layout.undl_record, x.layout.title_text) == ("draft", symbol, record, title)


@pytest.mark.parametrize("name", ["A_RES_73_8.en.pdfminer.txt", "A_RES_73_8.en.pypdf.txt"])
def test_73_8_from_either_extractor(corpus, name):
    x = read_resolution(corpus / "ga" / name)
    assert (x.symbol, x.layout.adopted, x.layout.meeting) == ("A/RES/73/8", dt.date(2018, 11, 1), 30)
    assert x.layout.title_text == ("Necessity of ending the economic, commercial and financial embargo "
                                   "imposed by the United States of America against Cuba")
    phrases = [(p.paragraph.label, p.concept, p.modifiers) for p in x.phrases]
    assert phrases == [
        ("pp 1", "determined", ()), ("pp 2", "reaffirm", ()), ("pp 3", "recall", ()), ("pp 4", "concerned", ()),
        ("pp 5", "takeNote", ()), ("pp 6", "recall", ()), ("pp 7", "recall", ("also",)), ("pp 8", "concerned", ()),
        ("op 1", "takeNote", ()), ("op 2", "reiterate", ()), ("op 3", "urge", ("again",)), ("op 4", "request", ()),
        ("op 5", "decide", ())]
    recalled = [(c.target.key, c.date_given) for c in x.citations if c.paragraph.label == "pp 6"]
    assert len(recalled) == 26  # 47/19 of 24 November 1992 … 72/4 of 1 November 2017
    assert recalled[0] == ("A/RES/47/19", dt.date(1992, 11, 24))
    assert recalled[-1] == ("A/RES/72/4", dt.date(2017, 11, 1))
    assert [(f.number, f.block.text) for f in x.layout.footnotes] == [(1, "A/73/85.")]
    op1 = next(p for p in x.layout.paragraphs if p.label == "op 1")
    assert op1.block.text == "Takes note of the report of the Secretary-General on the implementation of resolution 72/4;"


def test_the_two_extractors_agree_on_73_8(corpus):
    """Same paragraphs and citations; only spacing differs (pdfminer splits justified words: "Amer ica")."""
    pdfminer = read_resolution(corpus / "ga" / "A_RES_73_8.en.pdfminer.txt")
    pypdf = read_resolution(corpus / "ga" / "A_RES_73_8.en.pypdf.txt")

    def unspaced(x):
        return ["".join(p.block.text.split()) for p in x.layout.paragraphs]

    assert unspaced(pdfminer) == unspaced(pypdf)
    assert "Latin Amer ica" in pdfminer.layout.paragraphs[2].block.text
    assert [(c.target, c.date_given) for c in pdfminer.citations] == [(c.target, c.date_given) for c in pypdf.citations]


def test_80_19_markdown(corpus):
    x = read_resolution(corpus / "ga" / "A_RES_80_19.en.md")
    assert (x.symbol, x.layout.title_text, x.layout.adopted, x.layout.meeting) == (
        "A/RES/80/19", "Prevention of an arms race in outer space", dt.date(2025, 12, 1), 52)
    kinds = [p.kind for p in x.layout.paragraphs]
    assert (kinds.count("preambular"), kinds.count("operative")) == (24, 9)
    cited = {(c.paragraph.label, c.footnote.number if c.footnote else None, c.target.key, c.date_given)
             for c in x.citations}
    assert ("pp 3", 1, "unts-610-8843", None) in cited  # "…Celestial Bodies,1" / "1 United Nations, Treaty Series, vol. 610, No. 8843."
    assert ("pp 5", 2, "A/RES/S-10/2", None) in cited  # "2 Resolution S-10/2."
    assert ("pp 6", None, "A/RES/79/19", dt.date(2024, 12, 2)) in cited  # "resolution 79/19 of 2 December 2024"
    assert all(s.ordinal < 1000 for s in x.sessions)  # "its 2009 session" names a year


@pytest.mark.parametrize("path, paragraphs, phrases", [
    ("ga/A_RES_80_5.en.md", [("operative", 1)], ["adopt"]),  # "Adopts the Doha Political Declaration … annex."
    ("ga/A_RES_80_9.en.md", [("operative", 1)], ["adopt"]),
    ("drafts/A_L.632.en.pypdf.txt", [("preambular", None), ("operative", 1)], ["recall", "decide"]),
])
def test_one_operative_paragraph_is_not_numbered(corpus, path, paragraphs, phrases):
    x = read_resolution(corpus / path)
    assert [(p.kind, p.number) for p in x.layout.paragraphs if p.kind != "instrument"] == paragraphs
    assert phrases is None or [p.concept for p in x.phrases if p.paragraph.kind != "instrument"] == phrases


@pytest.mark.parametrize("path, placement, heading, labels, concepts, cited", [
    # "Adopts the following political declaration …:", its title, "We, Heads of State …:", "1. Reaffirm …"
    ("ga/A_RES_73_3.en.pdf", "inline", "Political declaration of the high-level meeting",
     ["inst intro 1", *(f"inst {n}" for n in range(1, 54))], {"inst 1": "reaffirm", "inst 24": "commit"},
     ("inst 1", "A/RES/70/1")),
    ("ga/A_RES_73_3.en.pdfminer.txt", "inline", "Political declaration of the high-level meeting",
     ["inst intro 1", *(f"inst {n}" for n in range(1, 54))], {"inst 7": "gravelyConcerned"}, ("inst 3", "A/RES/55/2")),
    # after "18th plenary meeting 14 October 2025": "Annex Awaza Political Declaration", "1. We, the Heads …"
    ("ga/A_RES_80_3.en.md", "annex", "Annex Awaza Political Declaration", None, {"inst 2": "welcome"},
     ("inst 2", "A/RES/79/233")),
    ("ga/A_RES_80_9.en.md", "annex", "Annex 2025 Political Declaration", None,
     {"inst 3": "welcome", "inst 4": "reaffirm"}, ("inst 3", "A/RES/79/1")),
])
def test_an_instrument_is_read_with_its_own_numbering(corpus, path, placement, heading, labels, concepts, cited):
    """A declaration the resolution adopts, inline or annexed, is an instrument: its paragraphs
    are numbered anew, their phrases read in the first person, their citations kept."""
    x = read_resolution(corpus / path)
    [instrument] = x.layout.instruments
    assert (instrument.placement, instrument.heading.text.startswith(heading)) == (placement, True)
    found = [p.label for p in x.layout.paragraphs if p.kind == "instrument"]
    assert labels is None and found[0] == "inst 1" or found == labels
    assert concepts.items() <= {(p.paragraph.label, p.concept) for p in x.phrases}
    assert cited in {(c.paragraph.label, c.target.key) for c in x.citations}


@pytest.mark.parametrize("name, preambular, operative, last_footnote, running_header", [
    # "[^1]: A/80/124. Observance of … drafting and Noting that …, 1. Reaffirms …; 2. Calls …"
    ("A_RES_80_32.en.md", 6, 5, "A/80/124.", "Observance of environmental norms in the drafting and"),
    ("A_RES_80_18.en.md", 18, 6, "See A/57/759-S/2003/332, annex I.", None),  # "annex I. Taking note of …"
    # "No. 10485. 1. Underlines"
    ("A_RES_80_49.en.md", 16, 15, "United Nations, Treaty Series, vol. 729, No. 10485.", None),
    # the title's beginning, then the rest of a paragraph cut by the page: "… into distortions in …"
    ("A_RES_80_23.en.md", 8, 4, "Resolution S-10/2.",
     "Possible risks of the integration of artificial intelligence into"),
])
def test_a_page_inside_a_markdown_footnote_is_read_as_body(corpus, name, preambular, operative, last_footnote,
                                                           running_header):
    layout = read_resolution(corpus / "ga" / name).layout
    kinds = [p.kind for p in layout.paragraphs]
    assert (kinds.count("preambular"), kinds.count("operative")) == (preambular, operative)
    assert [p.number for p in layout.paragraphs if p.kind == "operative"] == list(range(1, operative + 1))
    assert (layout.footnotes[-1].block.text, layout.meeting, layout.warnings) == (last_footnote, 52, ())
    headers = [layout.source.text[f.start:f.end] for f in layout.furniture if f.kind == "running-header"]
    assert running_header is None or running_header in headers


@pytest.mark.parametrize("name, symbol, adopted, meeting, preambular, operative", [
    ("S_RES_242_1967.en.txt", "S/RES/242(1967)", dt.date(1967, 11, 22), 1382, 3, 4),
    ("S_RES_1445_2002.en.txt", "S/RES/1445(2002)", dt.date(2002, 12, 4), 4653, 8, 25),
    ("S_RES_827_1993.en.txt", "S/RES/827(1993)", dt.date(1993, 5, 25), 3217, 11, 9),  # "RESOLUTION 827 (1993)"
    ("S_RES_687_1991.en.txt", "S/RES/687(1991)", dt.date(1991, 4, 3), None, 26, 34),  # "of 3 Apri] 1991", "298Ist meeting"
])
def test_security_council(corpus, name, symbol, adopted, meeting, preambular, operative):
    x = read_resolution(corpus / "sc" / name)
    kinds = [p.kind for p in x.layout.paragraphs]
    assert (x.symbol, x.layout.adopted, x.layout.meeting) == (symbol, adopted, meeting)
    assert (kinds.count("preambular"), kinds.count("operative")) == (preambular, operative)


def test_council_resolutions_cited_by_number_and_year(corpus):
    x = read_resolution(corpus / "sc" / "S_RES_827_1993.en.txt")
    assert ("pp 1", "S/RES/713(1991)") in {(c.paragraph.label, c.target.key) for c in x.citations}


def test_footnotes_no_paragraph_calls_are_kept_and_reported(corpus):
    """The Markdown extraction made "[^1653]: (XVI) of 24 November 1961, …" of "1653 (XVI)"."""
    x = read_resolution(corpus / "ga" / "A_RES_80_59.en.md")
    warning = next(w for w in x.layout.warnings if w.message.startswith("footnote 1653 is called by no paragraph"))
    assert warning.line == 44 and warning.block.text.startswith("(XVI) of 24 November 1961")


@pytest.mark.parametrize("folder, name, agenda_item, distributed", [
    ("ga", "A_RES_80_19.en.md", "97 (a)", dt.date(2025, 12, 3)),
    ("ga", "A_RES_73_8.en.pdf", "43", dt.date(2018, 11, 5)),
])
def test_header_metadata(corpus, folder, name, agenda_item, distributed):
    layout = read_resolution(corpus / folder / name).layout
    assert (layout.agenda_item, layout.distributed) == (agenda_item, distributed)


def test_citations_the_pdf_links_are_marked(corpus):
    from unkg.vocab import UNKG
    built = build_resolution(corpus / "ga" / "A_RES_73_8.en.pdf", Iris())
    linked = {built.graph.value(c, UNKG.cited) for c in built.graph.subjects(UNKG.linkedInSource, None)}
    assert Iris().doc("A/RES/47/19") in linked and Iris().doc("A/73/85") in linked
