"""One frozen `SearchRequest`, built alike from a web query string, CLI options or a bulk JSON
line. Each parameter is parsed by one small function that raises `BadRequest` naming the
parameter and its valid values (after SearXNG's `webadapter.py`: parse_pageno, parse_time_range).

One rule for empty values, everywhere: a parameter given with an empty value (`sort=`, `page=`,
`topic=`) is the same as not giving it (its default). Messages come from `searchapp.messages`
(stable code, English + Chinese text).

    search_request.py   SearchRequest (from_params / to_params), PARAMS
    query_text.py       the `q` text: clean_text, parse_q, only_removed
    filters.py          source, topic, month, lineage, from/to: parse_*, MISSING, LINEAGES
    values.py           one value per parameter (single), sort, page/size, switches: parse_sort,
                        parse_int, parse_bool, SORTS, TRUE_VALUES, FALSE_VALUES
"""
from searchapp.request.filters import (LINEAGES, MISSING, parse_date, parse_lineages, parse_month,
                                       parse_sources, parse_topics, parse_values)
from searchapp.request.query_text import clean_text, only_removed, parse_q
from searchapp.request.search_request import PARAMS, SearchRequest
from searchapp.request.values import (FALSE_VALUES, SORTS, TRUE_VALUES, parse_bool, parse_int,
                                      parse_sort, single)

__all__ = ["SearchRequest", "PARAMS", "SORTS", "MISSING", "LINEAGES", "TRUE_VALUES", "FALSE_VALUES",
           "single", "clean_text", "parse_q", "only_removed", "parse_values", "parse_sources",
           "parse_lineages", "parse_month", "parse_date", "parse_sort", "parse_int", "parse_bool",
           "parse_topics"]
