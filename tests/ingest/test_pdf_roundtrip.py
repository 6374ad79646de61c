"""The bundled issue printed to PDF and read back gives the same articles as its text file:
same count, titles and ids (ids come from file stem, title, date and opening, never from line
numbers), every other field too — whether the PDF draws its lines in order or shuffled — and
the PDF adds the printed page and the publication its running heads name."""
from __future__ import annotations


import pytest

from helpers import MAGAZINE

from bench.pdfgen.issue import render_issue

from searchapp.ingest import read_file

TEXT = MAGAZINE


@pytest.fixture(scope="module")
def from_text():
    return read_file(TEXT).articles


@pytest.mark.slow
@pytest.mark.parametrize("order", ["in", "out"])
def test_pdf_of_the_bundled_issue_gives_the_same_articles(tmp_path, from_text, order):
    pdf = tmp_path / (TEXT.stem + ".pdf")
    info = render_issue(TEXT, pdf, order=order, seed=11)
    assert info["pages"] > 50 and info["headline_lines"] > 32
    rr = read_file(pdf)
    assert len(rr.articles) == len(from_text) == 32
    assert [a.title for a in rr.articles] == [a.title for a in from_text]
    assert [a.id for a in rr.articles] == [a.id for a in from_text]
    for a, b in zip(rr.articles, from_text):
        # what only the PDF shows: the printed page, the publication its running heads name
        assert a.page and a.extra.pop("publication") == "互联网天地"
        if a.extra.pop("source_from", None) == "page head":  # no credit: the issue's own name
            assert b.source is None and a.source == "互联网天地", a.title
            a.source = None
        assert {**a.to_dict(), "origin": None, "page": None} == {**b.to_dict(), "origin": None}, a.title
    pages = [a.origin["page"] for a in rr.articles]
    assert pages == sorted(pages) and pages[0] == 1  # printed page numbers, in order
