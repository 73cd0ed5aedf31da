"""unkg: United Nations resolutions as a validated, queryable RDF knowledge graph."""

__version__ = "0.2.0"
