"""Message catalogue: every notice and error the user can see has a stable `code` and an English
and a Chinese text (the web UI is Chinese; the CLI, bulk records and the JSON `error` field keep
the English text so scripts that read it keep working; docs/web.md, "Messages").

    text(code, lang="en", **params) -> str        the message in "en" or "zh"
    date_text(value) -> str                       the one display format of a stored date
    notice(code, **params) -> dict                {"code", "text" (English), "text_zh"}
    bad_request(code, param=, valid=, **params)   errors.BadRequest carrying code + Chinese text
    error(cls, code, ...)                         any SearchAppError class, the same way
    FACET_NAMES, LINEAGE_NAMES, KIND_NAMES, CADENCE_NAMES, WEEKDAY_NAMES, SORT_NAMES, FIELD_NAMES,
    STATUS_TITLES                                          Chinese interface labels

This module is the one place for user-facing Chinese text in Python code (the templates hold
the page's own wording). Unknown codes raise KeyError (a typo must fail the tests, not show a
blank message).

    catalogue.py      CATALOGUE, text, notice, error, bad_request
    notices.py        the texts of the query's and the search's notices
    request_texts.py  bad parameters, bulk lines and batches, HTTP errors
    page_texts.py     the archive, feed, article and search pages
    labels.py         the Chinese interface labels
    date_display.py   date_text
"""
from searchapp.messages.catalogue import CATALOGUE, bad_request, error, notice, text
from searchapp.messages.date_display import date_text
from searchapp.messages.labels import (CADENCE_NAMES, FACET_NAMES, FIELD_NAMES, KIND_NAMES,
                                       LINEAGE_NAMES, MISSING_NAMES, SORT_NAMES, STATUS_TITLES,
                                       WEEKDAY_NAMES)

__all__ = ["CATALOGUE", "text", "date_text", "notice", "bad_request", "error", "FACET_NAMES", "LINEAGE_NAMES",
           "KIND_NAMES", "CADENCE_NAMES", "WEEKDAY_NAMES", "SORT_NAMES",
           "FIELD_NAMES", "STATUS_TITLES", "MISSING_NAMES"]
