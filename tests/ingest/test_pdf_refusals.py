"""A PDF that cannot be read with confidence is refused with one line (file: reason), a page
that cannot is skipped and reported, and nothing of the kind stops an index build; text a
font hides behind a Western encoding is decoded back and the reader says so."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.pdfgen import data, generate
from bench.pdfgen.legacy import write_gbk_pdf

from searchapp.ingest import IngestError, read_file

needs_data = pytest.mark.skipif(not data.THUC.exists(), reason="../shared/data missing")
ARTICLES = [("河南谱写网络安全工作出彩新篇章",
             ["2020年9月14日，一年一度的网络安全盛会国家网络安全宣传周活动全面开展，高峰论坛等主要活动在郑州举行。",
              "近年来，河南坚持以网络强国的重要思想为指导，着力提升网络安全保障水平。", "来源：河南日报"]),
            ("通信管理局召开行业座谈会",
             ["2020年9月17日，省通信管理局召开座谈会，研究部署下一阶段重点工作，各基础电信企业参加。",
              "来源：人民邮电报"])]


def _refused(path: Path) -> str:
    with pytest.raises(IngestError) as ei:
        read_file(path)
    reason = str(ei.value)
    assert "\n" not in reason and reason
    return reason


@pytest.mark.slow
@needs_data
def test_encrypted_pdf_is_refused(tmp_path):
    iss = generate(tmp_path, source="pfr", seed=301, n_articles=3, password="secret", part="tune")
    assert "password" in _refused(iss.pdf)


@pytest.mark.slow
@needs_data
def test_scan_without_text_layer_is_refused(tmp_path):
    iss = generate(tmp_path, source="pfr", seed=302, n_articles=3, mode="scan", part="tune")
    assert "image-only" in _refused(iss.pdf)


@pytest.mark.parametrize("blob", [b"%PDF-1.4\n garbage", b"%PDF-1.7\n1 0 obj << /Type /Catalog"])
def test_damaged_pdf_is_refused(tmp_path, blob):
    p = tmp_path / "bad.pdf"
    p.write_bytes(blob)
    assert "PDF" in _refused(p)


def test_truncated_pdf_is_refused_or_read(tmp_path):
    """Cut off half-way: either the pages that survive are read or one line says why not."""
    src = tmp_path / "whole.pdf"
    write_gbk_pdf(src, [ARTICLES])
    p = tmp_path / "cut.pdf"
    p.write_bytes(src.read_bytes()[: len(src.read_bytes()) // 2])
    try:
        rr = read_file(p)
    except IngestError as e:
        assert "\n" not in str(e)
    else:
        assert rr.articles


def test_gbk_behind_western_encoding_is_decoded_and_reported(tmp_path):
    p = tmp_path / "legacy.pdf"
    write_gbk_pdf(p, [ARTICLES[:1], ARTICLES[1:]])
    rr = read_file(p)
    assert [a.title for a in rr.articles] == [ARTICLES[0][0], ARTICLES[1][0]]
    assert [a.source for a in rr.articles] == ["河南日报", "人民邮电报"]
    assert [a.date for a in rr.articles] == ["2020-09-14", "2020-09-17"]
    assert rr.articles[0].body.startswith("2020年9月14日，一年一度")
    notes = [pr.reason for pr in rr.problems]
    assert len(notes) == 2 and all("PDFium" in n and "GBK" in n for n in notes)


@pytest.mark.slow
@needs_data
def test_scanned_page_among_text_pages_is_skipped_and_reported(tmp_path):
    """A first page that is only a picture: the other pages are read, that one is reported."""
    iss = generate(tmp_path, source="thucnews", seed=305, n_articles=8, mode="scan-first",
                   part="tune")
    assert iss.pages >= 2
    rr = read_file(iss.pdf)
    assert any(pr.reason.startswith("page 1: image only") for pr in rr.problems), rr.problems
    on_later_pages = [t for t in iss.articles if t["page"] != iss.articles[0]["page"]]
    titles = {a.title.replace(" ", "") for a in rr.articles}
    assert on_later_pages and all(t["title"].replace(" ", "").replace("\u3000", "") in titles
                                  for t in on_later_pages[1:])
    assert all(a.origin["pdf_page"] >= 2 for a in rr.articles)


@pytest.mark.slow
@needs_data
def test_bad_pdf_does_not_stop_an_index_build(tmp_path):
    from searchapp.cli import main

    gen, folder = tmp_path / "gen", tmp_path / "in"
    folder.mkdir()
    good = generate(gen, source="sogou", seed=303, n_articles=3, part="tune", name="good")
    scan = generate(gen, source="pfr", seed=304, n_articles=3, mode="scan", part="tune", name="scan")
    for iss in (good, scan):  # the PDFs alone (the truth files beside them are JSONL)
        (folder / iss.pdf.name).write_bytes(iss.pdf.read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    r = CliRunner().invoke(main, ["index", str(folder), "--index", str(tmp_path / "ix")])
    assert r.exit_code == 1, r.output  # something was skipped
    assert "scan.pdf: image-only PDF" in r.output and "broken.pdf: not a readable PDF" in r.output
    r = CliRunner().invoke(main, ["stats", "--index", str(tmp_path / "ix"), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["articles"] == len(good.articles)
