"""Batch-wide settings of a bulk run: `BulkOptions` (hits per query, hit fields, snippets)."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from searchapp.config import MAX_PAGE_SIZE
from searchapp.messages import bad_request
from searchapp.request import parse_bool, parse_int
from searchapp.results import Hit

__all__ = ["BulkOptions", "HIT_FIELDS", "DEFAULT_FIELDS", "DEFAULT_LIMIT"]

#: Hit fields a caller may ask for with --fields / ?fields= (those of results.Hit).
HIT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Hit))
#: Hit fields in every record unless --fields says otherwise (`missing`: the query words the hit
#: lacks, best match; [] when it has them all).
DEFAULT_FIELDS: tuple[str, ...] = ("id", "title", "source", "date", "score", "missing")
#: Default hits per query (bulk callers usually want a short list; --limit raises it to 100).
DEFAULT_LIMIT = 10


@dataclass(frozen=True)
class BulkOptions:
    """Batch-wide settings: `limit` hits per query (1..MAX_PAGE_SIZE; a line's own `limit`
    overrides it), `fields` hit fields to output (subset of HIT_FIELDS), `snippets` add a
    plain-text `snippet` to each hit (costs a highlighter pass per hit; on whenever `fields`
    names `snippet` or `snippet_html`), `thesaurus` search thesaurus variants (a line's own
    `thesaurus` overrides it). Raises BadRequest naming the parameter."""

    limit: int = DEFAULT_LIMIT
    fields: tuple[str, ...] = DEFAULT_FIELDS
    snippets: bool = False
    thesaurus: bool = True

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_PAGE_SIZE:
            raise bad_request("out_of_range", param="limit", lo=1, hi=MAX_PAGE_SIZE,
                              value=self.limit)
        bad = [f for f in self.fields if f not in HIT_FIELDS]
        if bad:
            raise bad_request("bulk_unknown_field", param="fields", valid=HIT_FIELDS,
                              value=bad[0])
        if self.snippets and "snippet" not in self.fields:
            object.__setattr__(self, "fields", self.fields + ("snippet",))
        if not self.snippets and {"snippet", "snippet_html"} & set(self.fields):
            object.__setattr__(self, "snippets", True)  # asked for: computed (not left "")

    @classmethod
    def parse(cls, *, limit: Any = None, fields: Any = None, snippets: Any = None,
              thesaurus: Any = None) -> "BulkOptions":
        """From strings (URL args / CLI): fields comma-separated (None = DEFAULT_FIELDS; given
        but empty, e.g. `--fields ''`, is an error); snippets via `request.parse_bool`.
        Raises BadRequest naming the parameter and listing the valid values."""
        lim = parse_int(limit, "limit", 1, MAX_PAGE_SIZE, DEFAULT_LIMIT)
        fl = DEFAULT_FIELDS
        if fields is not None:
            parts = fields if isinstance(fields, (list, tuple)) else str(fields).split(",")
            fl = tuple(dict.fromkeys(str(p).strip() for p in parts if str(p).strip()))
            if not fl:
                raise bad_request("bulk_no_fields", param="fields", valid=HIT_FIELDS)
        sn = parse_bool(snippets, "snippets", False)
        th = parse_bool(thesaurus, "thesaurus", True)
        return cls(limit=lim, fields=fl, snippets=sn, thesaurus=th)
