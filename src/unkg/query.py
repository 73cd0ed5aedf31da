"""Query stage: named queries (queries/*.rq) and ad-hoc SPARQL, with bound parameters.

A named query's header declares its title, description, parameters and an example:

    # title: Resolutions that recall a resolution
    # param: symbol: resolution: the recalled resolution, as 62/217 or A/RES/62/217

Each parameter stands in the query as a clause that is valid SPARQL on its own,
`VALUES ?symbol { UNDEF }` (unbound: every value). Binding a value replaces UNDEF with
the value as an RDF term in N-Triples syntax (quotes and backslashes escaped by rdflib),
so a value is always one literal, never SPARQL: the same text runs on the embedded store,
on rdflib and on any SPARQL endpoint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Dataset, Literal, URIRef

from .errors import QueryError
from .iris import normalise_symbol
from .resources import data_dir
from .store import GraphStore, term_text

# "# key: value" lines at the top of a .rq file.
HEADER_LINE = re.compile(r"^#\s*(?P<key>title|description|param|example):\s*(?P<value>.*?)\s*$")
# "name: type: description" of a parameter.
PARAM_DECLARATION = re.compile(r"^(?P<name>\w+):\s*(?P<type>\w+):\s*(?P<description>.+)$")
# The VALUES clause that stands for parameter `name` in a query.
def parameter_clause(name: str) -> re.Pattern:
    return re.compile(r"VALUES\s+\?" + re.escape(name) + r"\s*\{\s*UNDEF\s*\}")


# A GA resolution's short symbol (session/number) that a user may type for the full one.
SHORT_RESOLUTION = re.compile(r"^\d{1,3}/\d{1,4}$")
# "2758 (XXVI)": an early GA resolution, numbered with the session in Roman numerals.
EARLY_RESOLUTION = re.compile(r"^\d{1,4}\s*\([IVXL]+\)$")


def resolution_parameter(value: str) -> str:
    """A resolution symbol as the graph holds it: 62/217 -> A/RES/62/217."""
    value = normalise_symbol(value)
    if SHORT_RESOLUTION.match(value) or EARLY_RESOLUTION.match(value):
        return "A/RES/" + value
    return value


PARAMETER_TYPES = {
    "resolution": resolution_parameter,
    "symbol": normalise_symbol,
    "string": str,
}


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    example: str
    sparql: str

    def bind(self, values: dict[str, str]) -> str:
        """The query text with the parameters' values bound as RDF literals."""
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise QueryError(f"query {self.name!r} has no parameter {unknown[0]!r}",
                             f"its parameters: {', '.join(known) or 'none'}")
        missing = [name for name in known if name not in values]
        if missing:
            raise QueryError(f"query {self.name!r} needs --param {missing[0]}=VALUE",
                             f"{known[missing[0]].description}; e.g. {self.example}")
        text = self.sparql
        for name, value in values.items():
            term = Literal(PARAMETER_TYPES[known[name].type](value)).n3()
            text = parameter_clause(name).sub(lambda _: f"VALUES ?{name} {{ {term} }}", text)
        return text


def parse_named_query(name: str, text: str) -> NamedQuery:
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": [], "example": []}
    for line in text.splitlines():
        match = HEADER_LINE.match(line)
        if match:
            fields[match["key"]].append(match["value"])
        elif line.strip() and not line.startswith("#"):
            break
    parameters = []
    for declaration in fields["param"]:
        match = PARAM_DECLARATION.match(declaration)
        if not match or match["type"] not in PARAMETER_TYPES:
            raise QueryError(f"queries/{name}.rq: bad parameter line {declaration!r}",
                             f"write 'name: type: description' with type one of "
                             f"{', '.join(PARAMETER_TYPES)}")
        if not parameter_clause(match["name"]).search(text):
            raise QueryError(f"queries/{name}.rq: parameter {match['name']!r} has no "
                             f"'VALUES ?{match['name']} {{ UNDEF }}' clause", "add one where it binds")
        parameters.append(Parameter(match["name"], match["type"], match["description"]))
    if not fields["title"]:
        raise QueryError(f"queries/{name}.rq has no '# title:' line", "add one")
    return NamedQuery(name, fields["title"][0], " ".join(fields["description"]),
                      tuple(parameters), " ".join(fields["example"]), text)


@cache
def named_queries() -> dict[str, NamedQuery]:
    """The bundled named queries, by name."""
    return {path.name[:-3]: parse_named_query(path.name[:-3], path.read_text(encoding="utf-8"))
            for path in sorted(data_dir("queries").iterdir(), key=lambda p: p.name)
            if path.name.endswith(".rq")}


def resolve_query(name_or_file: str) -> NamedQuery:
    """A named query by name, or a .rq file (with or without a header)."""
    queries = named_queries()
    if name_or_file in queries:
        return queries[name_or_file]
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        text = path.read_text(encoding="utf-8")
        if not any(HEADER_LINE.match(line) for line in text.splitlines()):
            return NamedQuery(path.stem, path.stem, "", (), "", text)
        return parse_named_query(path.stem, text)
    raise QueryError(f"no named query or .rq file {name_or_file!r}",
                     f"named queries: {', '.join(queries)} (see: unkg queries)")


@dataclass(frozen=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]


def run_on_store(store: GraphStore, sparql: str) -> QueryResult:
    try:
        solutions = store.query(sparql)
    except SyntaxError as error:
        raise QueryError(f"the query is not valid SPARQL: {error}", "fix the query") from None
    if isinstance(solutions, bool) or not hasattr(solutions, "variables"):
        return QueryResult(("result",), ((str(bool(solutions)).lower(),),))
    columns = tuple(v.value for v in solutions.variables)
    return QueryResult(columns, tuple(tuple(term_text(row[c]) for c in columns)
                                      for row in solutions))


TRIPLE_SUFFIXES = (".ttl", ".nt")


def load_data_files(paths: list[str]) -> Dataset:
    """RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD) in one rdflib dataset."""
    dataset = Dataset(default_union=True)
    for path in paths:
        try:
            if Path(path).suffix in TRIPLE_SUFFIXES:  # a graph of its own, for GRAPH ?graph { … }
                dataset.graph(URIRef(Path(path).resolve().as_uri())).parse(path)
            else:
                dataset.parse(path)
        except Exception as error:  # rdflib raises many kinds of parser errors
            raise QueryError(f"{path}: cannot read RDF: {error}",
                             "give a .ttl, .trig, .nt, .nq or .jsonld file") from None
    return dataset


def run_on_dataset(dataset: Dataset, sparql: str) -> QueryResult:
    try:
        result = dataset.query(sparql)
    except Exception as error:  # rdflib's parser raises pyparsing errors
        raise QueryError(f"the query cannot run: {error}", "fix the query") from None
    if result.type == "ASK":
        return QueryResult(("result",), ((str(bool(result.askAnswer)).lower(),),))
    columns = tuple(str(v) for v in result.vars)
    return QueryResult(columns, tuple(
        tuple(None if row[i] is None else str(row[i]) for i in range(len(columns)))
        for row in result))
