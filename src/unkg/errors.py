"""The exceptions unkg raises; the CLI turns each into one line with a remedy."""

from __future__ import annotations


class UnkgError(Exception):
    """Base of unkg's errors: what is wrong and what to do."""

    def __init__(self, message: str, remedy: str = ""):
        super().__init__(message)
        self.message = message
        self.remedy = remedy

    def __str__(self) -> str:
        return f"{self.message}; {self.remedy}" if self.remedy else self.message


class InputError(UnkgError):
    """An input file that cannot be read or is not a resolution."""

    def __init__(self, path: str, message: str, remedy: str = "", line: int | None = None):
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}", remedy)
        self.path = path
        self.line = line


class DataError(UnkgError):
    """A data file of unkg's own (mapper, ontology, query) that is malformed."""


class QueryError(UnkgError):
    """A query that cannot run: unknown name, missing parameter, bad SPARQL."""
