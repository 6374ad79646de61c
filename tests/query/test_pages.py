"""Printed pages as typed in queries: every usual form reads as its page, nothing else does."""
from __future__ import annotations

import pytest

from searchapp.query.pages import read_page


@pytest.mark.parametrize("text,page", [
    ("8", 8), ("08", 8), ("８", 8), ("第8版", 8), ("第08版", 8), ("8版", 8), ("第八版", 8),
    ("第十二版", 12), ("头版", 1), (" 第 3 版 ", 3), ("第二十四版", 24), ("一版", 1)])
def test_page_forms(text, page):
    assert read_page(text) == page


@pytest.mark.parametrize("text", ["国际新闻", "八", "0", "A8", "第0版", "", "1000", "2.5", "第零版", "版",
                                  "8月"])
def test_not_pages(text):
    assert read_page(text) is None
