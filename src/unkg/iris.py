"""IRIs of unkg's nodes, keyed by UN symbols and other natural keys under a configurable base.

    {base}doc/A/RES/78/72            the resolution (work)
    {base}doc/A/RES/78/72/zh         its Chinese text (language version)
    {base}doc/A/RES/78/72/zh/pp/3    preambular paragraph 3; …/op/7 operative paragraph 7
    {base}doc/A/RES/78/72/zh/fn/12   footnote 12; …/pp/1/cit/4 the 4th citation in pp 1
    {base}doc/A/RES/73/3/en/instrument/1     the declaration it adopts; …/instrument/1/5 its
                                     paragraph 5, …/instrument/1/intro/1 its unnumbered opening
    {base}doc/A/78/20                a document
    {base}body/A/AC.105              a body (COPUOS), by its symbol prefix or acronym
    {base}session/A/AC.105/66        a session; {base}meeting/A/78/PV.45, …/S/PV.1382 meetings
    {base}treaty/unts-610-8843       a treaty, by Treaty Series volume and number
    {base}framework/au-agenda-2063   an instrument without a symbol
    {base}graph/A/RES/78/72/zh       the named graph of one language version
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import quote

from rdflib import Namespace, URIRef

DEFAULT_BASE = "https://w3id.org/unkg/"
# The phrase concepts are vocabulary, not instance data: their IRIs do not follow the base.
PHRASE = Namespace("https://w3id.org/unkg/phrase/")
LANGUAGE = Namespace("http://id.loc.gov/vocabulary/iso639-1/")
UNDOCS = "https://undocs.org/"
# "S/RES/2173 (2014)" has a space before its year: IRIs drop it.
SYMBOL_SPACE = re.compile(r"\s+")


def normalise_symbol(symbol: str) -> str:
    """A symbol in the form IRIs and queries use: no spaces, 'S/RES/2173(2014)'."""
    return SYMBOL_SPACE.sub("", symbol.strip())


def _path(key: str) -> str:
    return quote(normalise_symbol(key), safe="/.()-")


@dataclass(frozen=True)
class Iris:
    base: str = DEFAULT_BASE

    @classmethod
    def from_environment(cls, base: str | None = None) -> "Iris":
        base = base or os.environ.get("UNKG_BASE") or DEFAULT_BASE
        return cls(base if base.endswith(("/", "#")) else base + "/")

    def doc(self, symbol: str) -> URIRef:
        return URIRef(f"{self.base}doc/{_path(symbol)}")

    def version(self, symbol: str, language: str) -> URIRef:
        return URIRef(f"{self.doc(symbol)}/{language}")

    def paragraph(self, symbol: str, language: str, kind: str, ordinal: int) -> URIRef:
        return URIRef(f"{self.version(symbol, language)}/{'op' if kind == 'operative' else 'pp'}/{ordinal}")

    def instrument(self, symbol: str, language: str, index: int) -> URIRef:
        return URIRef(f"{self.version(symbol, language)}/instrument/{index}")

    def instrument_paragraph(self, symbol: str, language: str, index: int, number: int | None,
                             position: int) -> URIRef:
        """Its paragraph `number`, or an unnumbered opening paragraph by position (…/intro/1)."""
        tail = str(number) if number is not None else f"intro/{position}"
        return URIRef(f"{self.instrument(symbol, language, index)}/{tail}")

    def footnote(self, symbol: str, language: str, number: int) -> URIRef:
        return URIRef(f"{self.version(symbol, language)}/fn/{number}")

    def citation(self, paragraph: URIRef, ordinal: int) -> URIRef:
        return URIRef(f"{paragraph}/cit/{ordinal}")

    def source(self, sha256: str) -> URIRef:
        return URIRef(f"{self.base}source/sha256-{sha256}")

    def body(self, key: str) -> URIRef:
        return URIRef(f"{self.base}body/{_path(key)}")

    def session(self, body: str, ordinal: int) -> URIRef:
        return URIRef(f"{self.base}session/{_path(body)}/{ordinal}")

    def meeting(self, body: str, ordinal: int) -> URIRef:
        """A numbered meeting of a body: the ICG's 17th meeting."""
        return URIRef(f"{self.base}meeting/{_path(body)}/{ordinal}")

    def plenary(self, body: str, ordinal: int, session: int | None) -> URIRef:
        """A meeting by its verbatim record: A/78/PV.45 (numbered within a GA session), S/PV.1382."""
        prefix = f"{_path(body)}/{session}" if session is not None else _path(body)
        return URIRef(f"{self.base}meeting/{prefix}/PV.{ordinal}")

    def treaty(self, key: str) -> URIRef:
        return URIRef(f"{self.base}treaty/{key}")

    def framework(self, key: str) -> URIRef:
        return URIRef(f"{self.base}framework/{key}")

    def graph(self, symbol: str, language: str) -> URIRef:
        return URIRef(f"{self.base}graph/{_path(symbol)}/{language}")

    @property
    def reference_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/reference")

    @property
    def ontology_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/ontology")

    @property
    def inferred_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/inferred")


def undocs(symbol: str) -> URIRef:
    return URIRef(UNDOCS + _path(symbol))
