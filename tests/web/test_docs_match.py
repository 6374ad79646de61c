"""docs/web.md names what the API really takes and writes (sixth fresh tester, F12: the docs
said `/api/search` takes json/csv/jsonl while it serves atom too, and the CSV column list
lacked `published` and `also_in`)."""
from __future__ import annotations

import re
from pathlib import Path

from searchapp.web.export import CSV_COLUMNS
from searchapp.web.params import API_FORMATS, PAGE_FORMATS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text(encoding="utf-8")


def _paragraph(start: str) -> str:
    i = DOC.index(start)
    return DOC[i:DOC.index("\n\n", i)]


def test_the_documented_formats_are_the_served_ones():
    para = _paragraph("`format`: on `/search`")
    page, api = para.split("on `/api/search`", 1)
    api = api.split("**Exports**")[0]
    assert set(re.findall(r"`(\w+)`", page.split("on `/search`")[1])) == set(PAGE_FORMATS)
    assert set(re.findall(r"`(\w+)`", api)) == set(API_FORMATS)


def test_the_documented_csv_columns_are_the_written_ones_in_order():
    para = _paragraph("`format`: on `/search`")
    listed = para.split("columns `", 1)[1]
    listed = re.sub(r"\([^()]*(\([^()]*\)[^()]*)*\)", "", listed.split("`;", 1)[0])
    assert [c.strip() for c in listed.split(",")] == list(CSV_COLUMNS)
