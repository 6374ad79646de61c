"""A message code is defined once: the catalogue's parts (notices, request texts, page texts)
share no code, since merging them would let a second definition silently replace the first."""
from __future__ import annotations

from collections import Counter

from searchapp.messages import CATALOGUE
from searchapp.messages.notices import NOTICES
from searchapp.messages.page_texts import PAGE_TEXTS
from searchapp.messages.request_texts import REQUEST_TEXTS


def test_no_code_is_defined_in_two_parts():
    counts = Counter([*NOTICES, *REQUEST_TEXTS, *PAGE_TEXTS])
    assert [code for code, n in counts.items() if n > 1] == []
    assert len(CATALOGUE) == sum(counts.values())
