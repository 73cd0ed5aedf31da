"""Map stage: an `Extraction` to RDF, built only through `Graph.add` and namespace terms.

One named graph per language version holds everything the text states; the reference
graph holds what unkg's own tables say (bodies and their hierarchy, treaties, frameworks,
the phrase concept scheme), so that re-reading a text never changes shared nodes.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.plugins.stores.memory import SimpleMemory

from . import __version__
from .iris import LANGUAGE, PHRASE, Iris, normalise_symbol, undocs
from .lexicon import load_bodies, load_concepts, load_frameworks, load_treaties
from .model import Block, Citation, Extraction, Paragraph, SessionMention, Target
from .vocab import UNKG

EXTRACTOR = f"unkg {__version__}"
PARAGRAPH_CLASS = {"preambular": UNKG.PreambularParagraph, "operative": UNKG.OperativeParagraph,
                   "instrument": UNKG.InstrumentParagraph}
TARGET_CLASS = {"resolution": UNKG.Resolution, "document": UNKG.Document,
                "treaty": UNKG.Treaty, "framework": UNKG.Framework}


@lru_cache(maxsize=1 << 16)
def _integer(value: int) -> Literal:
    """An xsd:integer literal; offsets and numbers repeat from file to file, and rdflib's
    Literal is slow to make and immutable, so they are made once."""
    return Literal(value, datatype=XSD.integer)


def _segments(block: Block) -> Literal:
    return Literal(" ".join(f"{s.start}-{s.end}" for s in block.segments))


def new_graph(identifier: URIRef) -> Graph:
    """An empty graph with unkg's prefixes bound, so serialisations read well. Its store is
    rdflib's SimpleMemory: one graph needs no index of contexts, and adds cost half as much."""
    graph = Graph(store=SimpleMemory(), identifier=identifier)
    graph.bind("unkg", UNKG)
    graph.bind("phrase", PHRASE)
    graph.bind("skos", SKOS)
    return graph


@cache
def _relations() -> dict[str, URIRef]:
    return {c["id"]: UNKG[c["relation"]] for c in load_concepts()["concepts"]}


def relation_of(concept: str | None) -> URIRef:
    """The citing property a leading-phrase concept types its citations with."""
    return _relations()[concept] if concept else UNKG.cites


class _Mapper:
    def __init__(self, extraction: Extraction, iris: Iris):
        self.x = extraction
        self.iris = iris
        self.layout = extraction.layout
        self.language = self.layout.language
        self.graph = new_graph(iris.graph(extraction.symbol, self.language))
        self.work = iris.doc(extraction.symbol)
        self.version = iris.version(extraction.symbol, self.language)
        self.linked = {normalise_symbol(symbol) for symbol in extraction.layout.source.links}
        self.footnotes = {f.number: f for f in self.layout.footnotes}

    def add(self, s, p, o) -> None:
        self.graph.add((s, p, o))

    def text(self, value: str) -> Literal:
        return Literal(value, lang=self.language)

    def run(self) -> Graph:
        self._resolution()
        for instrument in self.layout.instruments:
            node = self.iris.instrument(self.x.symbol, self.language, instrument.index)
            self.add(node, RDF.type, UNKG.Instrument)
            self.add(node, UNKG.instrumentOf, self.version)
            self.add(self.version, UNKG.hasInstrument, node)
            self.add(node, UNKG.position, _integer(instrument.index))
            self.add(node, UNKG.placement, Literal(instrument.placement))
            if instrument.heading:
                self._text(node, instrument.heading, instrument.line)
        paragraph_iris = {}
        for paragraph in self.layout.paragraphs:
            paragraph_iris[paragraph] = self._paragraph(paragraph)
        for phrase in self.x.phrases:
            node = paragraph_iris[phrase.paragraph]
            self.add(node, UNKG.phrase, PHRASE[phrase.concept])
            for modifier in phrase.modifiers:
                self.add(node, UNKG.modifier, PHRASE[modifier])
        self._citations(paragraph_iris)
        for mention in self.x.bodies:
            self.add(paragraph_iris[mention.paragraph], UNKG.mentions, self.iris.body(mention.body))
        for mention in self.x.sessions:
            self.add(paragraph_iris[mention.paragraph], UNKG.mentions, self._session(mention))
        return self.graph

    def _resolution(self) -> None:
        layout, work, version = self.layout, self.work, self.version
        body = self.iris.body(layout.body)
        session = self.iris.session(layout.body, layout.session) if layout.session else None
        self.add(work, RDF.type, UNKG.DraftResolution if layout.kind == "draft" else UNKG.Resolution)
        if layout.undl_record:
            self.add(work, UNKG.undlRecord, Literal(layout.undl_record))
        else:
            self.add(work, UNKG.symbol, Literal(self.x.symbol))
            self.add(work, RDFS.seeAlso, undocs(self.x.symbol))
        self.add(work, UNKG.title, self.text(layout.title_text))
        if layout.kind == "resolution":
            self.add(work, UNKG.adoptedBy, body)
        self.add(work, UNKG.hasVersion, version)
        if session:
            self.add(work, UNKG.session, session)
            self._session_node(session, layout.body, layout.session)
        if layout.adopted:
            self.add(work, UNKG.adoptionDate, Literal(layout.adopted, datatype=XSD.date))
        if layout.meeting:
            meeting = self.iris.plenary(layout.body, layout.meeting, layout.session)
            self.add(work, UNKG.adoptedAt, meeting)
            self.add(meeting, RDF.type, UNKG.Meeting)
            self.add(meeting, UNKG.ofBody, body)
            self.add(meeting, UNKG.ordinal, _integer(layout.meeting))
            if session:
                self.add(meeting, UNKG.session, session)
            if layout.adopted:
                for day in (UNKG.startDate, UNKG.endDate):
                    self.add(meeting, day, Literal(layout.adopted, datatype=XSD.date))

        for reference in self.x.references:
            document = self.iris.doc(reference.symbol)
            self.add(work, UNKG.draft if reference.role == "draft" else UNKG.committeeReport, document)
            self.add(document, RDF.type, UNKG.Document)
            self.add(document, UNKG.symbol, Literal(reference.symbol))
        for symbol in layout.source.links:
            self.add(version, UNKG.linksTo, self.iris.doc(symbol))
        if layout.agenda_item:
            self.add(work, UNKG.agendaItem, Literal(layout.agenda_item))
        if layout.distributed:
            self.add(version, UNKG.distributionDate, Literal(layout.distributed, datatype=XSD.date))
        source = self.iris.source(layout.source.sha256)
        self.add(version, RDF.type, UNKG.LanguageVersion)
        self.add(version, UNKG.versionOf, work)
        self.add(version, UNKG.language, LANGUAGE[self.language])
        self.add(version, UNKG.title, self.text(layout.title_text))
        self.add(version, UNKG.source, source)
        self.add(version, UNKG.extractor, Literal(EXTRACTOR))
        self.add(version, UNKG.start, _integer(layout.title.start))
        self.add(version, UNKG.end, _integer(layout.title.end))
        self.add(source, RDF.type, UNKG.SourceText)
        self.add(source, UNKG.path, Literal(Path(layout.source.path).name))
        self.add(source, UNKG.sha256, Literal(layout.source.sha256))
        self.add(source, UNKG.length, _integer(len(layout.source.text)))

    def _paragraph(self, paragraph: Paragraph) -> URIRef:
        if paragraph.kind == "instrument":
            node = self.iris.instrument_paragraph(self.x.symbol, self.language, paragraph.instrument,
                                                  paragraph.number, paragraph.index)
            self.add(node, UNKG.inInstrument, self.iris.instrument(self.x.symbol, self.language,
                                                                   paragraph.instrument))
        else:
            node = self.iris.paragraph(self.x.symbol, self.language, paragraph.kind,
                                       paragraph.number or paragraph.index)
        self.add(node, RDF.type, PARAGRAPH_CLASS[paragraph.kind])
        self.add(node, RDFS.label, Literal(paragraph.label))
        self.add(node, UNKG.paragraphOf, self.version)
        self.add(self.version, UNKG.hasParagraph, node)
        self.add(node, UNKG.position, _integer(paragraph.index))
        if paragraph.number is not None:
            self.add(node, UNKG.number, _integer(paragraph.number))
        self._text(node, paragraph.block, paragraph.line)
        for marker in paragraph.markers:
            footnote = self.footnotes[marker.number]
            fn = self.iris.footnote(self.x.symbol, self.language, footnote.number)
            self.add(node, UNKG.hasFootnote, fn)
            self.add(fn, RDF.type, UNKG.Footnote)
            self.add(fn, UNKG.number, _integer(footnote.number))
            self._text(fn, footnote.block, footnote.line)
        return node

    def _text(self, node: URIRef, block: Block, line: int) -> None:
        self.add(node, UNKG.text, self.text(block.text))
        self.add(node, UNKG.start, _integer(block.start))
        self.add(node, UNKG.end, _integer(block.end))
        self.add(node, UNKG.segments, _segments(block))
        self.add(node, UNKG.line, _integer(line))

    def _citations(self, paragraph_iris: dict[Paragraph, URIRef]) -> None:
        phrases = {p.paragraph: p for p in self.x.phrases}
        ordinals: dict[Paragraph, int] = {}
        for citation in sorted(self.x.citations, key=lambda c: (c.paragraph.line, c.start)):
            paragraph = paragraph_iris[citation.paragraph]
            ordinals[citation.paragraph] = ordinals.get(citation.paragraph, 0) + 1
            node = self.iris.citation(paragraph, ordinals[citation.paragraph])
            phrase = phrases.get(citation.paragraph)
            relation = relation_of(phrase.concept if phrase else None)
            target = self._target(citation.target)
            self.add(self.work, relation, target)
            self.add(node, RDF.type, UNKG.Citation)
            self.add(node, UNKG.citingParagraph, paragraph)
            self.add(node, UNKG.cited, target)
            self.add(node, UNKG.relation, relation)
            if phrase:
                self.add(node, UNKG.phrase, PHRASE[phrase.concept])
            self._citation_details(node, citation)

    def _citation_details(self, node: URIRef, citation: Citation) -> None:
        self.add(node, UNKG.recognisedBy, Literal(citation.via))
        self.add(node, UNKG.start, _integer(citation.start))
        self.add(node, UNKG.end, _integer(citation.end))
        if citation.footnote:
            self.add(node, UNKG.viaFootnote,
                     self.iris.footnote(self.x.symbol, self.language, citation.footnote.number))
        if citation.date_given:
            self.add(node, UNKG.dateGiven, Literal(citation.date_given, datatype=XSD.date))
        if citation.pinpoint:
            self.add(node, UNKG.pinpoint, self.text(citation.pinpoint))
        if citation.target.key in self.linked:  # the PDF links these very words' target
            self.add(node, UNKG.linkedInSource, Literal(True))

    def _target(self, target: Target) -> URIRef:
        if target.kind in ("resolution", "document"):
            node = self.iris.doc(target.key)
            self.add(node, UNKG.symbol, Literal(target.key))
        elif target.kind == "treaty":
            node = self.iris.treaty(target.key)
            _, volume, number = target.key.split("-")
            self.add(node, UNKG.untsVolume, _integer(int(volume)))
            self.add(node, UNKG.untsNumber, _integer(int(number)))
        else:
            node = self.iris.framework(target.key)
        self.add(node, RDF.type, TARGET_CLASS[target.kind])
        return node

    def _session(self, mention: SessionMention) -> URIRef:
        if mention.kind == "meeting":
            node = self.iris.meeting(mention.body, mention.ordinal)
            self.add(node, RDF.type, UNKG.Meeting)
            self.add(node, UNKG.ofBody, self.iris.body(mention.body))
            self.add(node, UNKG.ordinal, _integer(mention.ordinal))
        else:
            node = self.iris.session(mention.body, mention.ordinal)
            self._session_node(node, mention.body, mention.ordinal)
            if mention.qualifier:
                self.add(node, UNKG.sessionKind, Literal(mention.qualifier))
        if mention.place:
            self.add(node, UNKG.place, self.text(mention.place))
        if mention.first_day:
            self.add(node, UNKG.startDate, Literal(mention.first_day, datatype=XSD.date))
            self.add(node, UNKG.endDate, Literal(mention.last_day, datatype=XSD.date))
        return node

    def _session_node(self, node: URIRef, body: str, ordinal: int) -> None:
        self.add(node, RDF.type, UNKG.Session)
        self.add(node, UNKG.ofBody, self.iris.body(body))
        self.add(node, UNKG.ordinal, _integer(ordinal))


def map_resolution(extraction: Extraction, iris: Iris | None = None) -> Graph:
    """The named graph of one resolution text."""
    return _Mapper(extraction, iris or Iris.from_environment()).run()


def reference_graph(iris: Iris | None = None) -> Graph:
    """What unkg's own tables state: bodies, treaties, frameworks, the phrase scheme."""
    iris = iris or Iris.from_environment()
    graph = new_graph(iris.reference_graph)
    add = graph.add
    for body in load_bodies()["bodies"]:
        node = iris.body(body["key"])
        add((node, RDF.type, UNKG.Body))
        add((node, UNKG.key, Literal(body["key"])))
        add((node, UNKG.bodyKind, Literal(body["kind"])))
        if "acronym" in body:
            add((node, UNKG.acronym, Literal(body["acronym"])))
        if "parent" in body:
            add((node, UNKG.subOrganizationOf, iris.body(body["parent"])))
        for language, name in body["names"].items():
            add((node, SKOS.prefLabel, Literal(name, lang=language)))
    for treaty in load_treaties()["treaties"]:
        key = f"unts-{treaty['volume']}-{treaty['number']}"
        node = iris.treaty(key)
        add((node, RDF.type, UNKG.Treaty))
        add((node, UNKG.key, Literal(key)))
        add((node, UNKG.untsVolume, _integer(treaty["volume"])))
        add((node, UNKG.untsNumber, _integer(treaty["number"])))
        for language, name in treaty["names"].items():
            add((node, SKOS.prefLabel, Literal(name, lang=language)))
    for framework in load_frameworks()["frameworks"]:
        if "resolution" in framework or "treaty" in framework:
            continue  # it is that resolution or treaty: nothing of its own to state
        node = iris.framework(framework["id"])
        add((node, RDF.type, UNKG.Framework))
        add((node, UNKG.key, Literal(framework["id"])))
        for language, name in framework["names"].items():
            add((node, SKOS.prefLabel, Literal(name, lang=language)))
    concepts = load_concepts()
    scheme = PHRASE[""]
    add((scheme, RDF.type, SKOS.ConceptScheme))
    for language, label in concepts["scheme"]["labels"].items():
        add((scheme, SKOS.prefLabel, Literal(label, lang=language)))
    for entry in concepts["concepts"] + concepts["modifiers"]:
        node = PHRASE[entry["id"]]
        add((node, RDF.type, SKOS.Concept))
        add((node, SKOS.inScheme, scheme))
        add((node, SKOS.notation, Literal(entry["id"])))
        for language, label in entry["labels"].items():
            add((node, SKOS.prefLabel, Literal(label, lang=language)))
    return graph
