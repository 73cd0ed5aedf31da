"""The package's bundled data folders (ontology, mappers, shapes, queries), via importlib.resources."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from .errors import DataError

DATA_FOLDERS = ("ontology", "mappers", "shapes", "queries")


def data_dir(folder: str, *parts: str) -> Traversable:
    """A bundled data folder (or a folder inside one)."""
    if folder not in DATA_FOLDERS:
        raise ValueError(f"unknown data folder {folder!r}; expected one of {DATA_FOLDERS}")
    path = files("unkg").joinpath(folder, *parts)
    if not path.is_dir():
        raise DataError(f"the package has no {'/'.join((folder, *parts))} folder",
                        "reinstall unkg (pip install .); the data folders ship in the wheel")
    return path


def data_file(folder: str, *parts: str) -> Traversable:
    """A bundled data file, e.g. data_file("ontology", "unkg.ttl")."""
    *dirs, name = parts
    path = data_dir(folder, *dirs).joinpath(name)
    if not path.is_file():
        raise DataError(f"the package has no {'/'.join((folder, *parts))}",
                        "reinstall unkg (pip install .)")
    return path
