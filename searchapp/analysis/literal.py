"""Index-time half of the exact-substring recall guarantee: each document's squeezed text.

    literal_text(*parts) -> bytes        the value of the `literal` column of one document
    FIELD                                the column's name

The squeezed text (`analyzer.squeeze`: normalised, no whitespace, no punctuation) of title, body
and metadata is stored in a compressed column; the query-time scan of that column is
`searchapp.engine.match.literal.LiteralQuery`. Why a column scan and not an n-gram field:
docs/search.md ("The recall guarantee").
"""
from __future__ import annotations

from searchapp.analysis.analyzer import squeeze

__all__ = ["literal_text", "FIELD"]

#: The column field holding each document's squeezed text.
FIELD = "literal"


def literal_text(*parts: str | None) -> bytes:
    """The column value for a document: UTF-8 of squeeze(parts joined by newlines)."""
    return squeeze("\n".join(p for p in parts if p)).encode("utf-8")
