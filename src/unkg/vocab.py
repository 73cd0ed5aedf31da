"""The unkg ontology's terms as a closed namespace: a typo raises AttributeError.

Generated from ontology/unkg.ttl by `make vocab`; do not edit.
"""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace


class UNKG(DefinedNamespace):
    _fail = True
    _NS = Namespace("https://w3id.org/unkg/ontology#")

    # classes
    Body: URIRef
    Citation: URIRef
    Document: URIRef
    DraftResolution: URIRef
    Footnote: URIRef
    Framework: URIRef
    Instrument: URIRef
    InstrumentParagraph: URIRef
    LanguageVersion: URIRef
    Meeting: URIRef
    OperativeParagraph: URIRef
    Paragraph: URIRef
    PreambularParagraph: URIRef
    Resolution: URIRef
    Session: URIRef
    SourceText: URIRef
    Treaty: URIRef

    # object properties
    adoptedAt: URIRef
    adoptedBy: URIRef
    cited: URIRef
    citedBy: URIRef
    cites: URIRef
    citingParagraph: URIRef
    committeeReport: URIRef
    considers: URIRef
    draft: URIRef
    endorses: URIRef
    hasFootnote: URIRef
    hasInstrument: URIRef
    hasParagraph: URIRef
    hasVersion: URIRef
    inInstrument: URIRef
    instrumentOf: URIRef
    language: URIRef
    linksTo: URIRef
    mentions: URIRef
    modifier: URIRef
    notes: URIRef
    ofBody: URIRef
    paragraphOf: URIRef
    phrase: URIRef
    reaffirms: URIRef
    recalledBy: URIRef
    recalls: URIRef
    recognizes: URIRef
    relation: URIRef
    session: URIRef
    source: URIRef
    subOrganizationOf: URIRef
    takesNoteOf: URIRef
    versionOf: URIRef
    viaFootnote: URIRef
    welcomes: URIRef

    # datatype properties
    acronym: URIRef
    adoptionDate: URIRef
    agendaItem: URIRef
    bodyKind: URIRef
    dateGiven: URIRef
    distributionDate: URIRef
    end: URIRef
    endDate: URIRef
    extractor: URIRef
    key: URIRef
    length: URIRef
    line: URIRef
    linkedInSource: URIRef
    number: URIRef
    ordinal: URIRef
    path: URIRef
    pinpoint: URIRef
    place: URIRef
    placement: URIRef
    position: URIRef
    recognisedBy: URIRef
    segments: URIRef
    sessionKind: URIRef
    sha256: URIRef
    start: URIRef
    startDate: URIRef
    symbol: URIRef
    text: URIRef
    title: URIRef
    undlRecord: URIRef
    untsNumber: URIRef
    untsVolume: URIRef
