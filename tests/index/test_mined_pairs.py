"""Mined abbreviation pairs are a per-generation file written by the build (`index.mined`)
and used at query time like the thesaurus: a generated archive where one article defines
an invented organisation's short form and others use only one of the forms."""
from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from helpers import write_jsonl
from searchapp.index import build, open_index
from searchapp.index.store import read_current, read_manifest
from searchapp.request import SearchRequest
from searchapp.search import search
from searchapp.vocab import abbrev

pytestmark = pytest.mark.slow  # each test builds indexes of its own

FULL, SHORT, ACR = "滨海航运联盟", "滨航盟", "CSA"

DEFINES = {"id": "def1", "title": "航运业年会召开",
           "body": f"据{FULL}（以下简称{SHORT}）统计，今年港口吞吐量增长。{FULL}（{ACR}）还发布了报告。",
           "date": "1998-01-05", "source": "测试报"}
FULL_ONLY = {"id": "full1", "title": "港口新闻",
             "body": f"{FULL}今天在天津召开理事会，讨论明年的计划。", "date": "1998-01-06",
             "source": "测试报"}
SHORT_ONLY = {"id": "short1", "title": "船队扩大",
              "body": f"{SHORT}成员船队规模扩大，新增货轮十艘。", "date": "1998-01-07",
              "source": "测试报"}
OTHER = {"id": "other1", "title": "天气", "body": "明天有雨，气温下降。", "date": "1998-01-08",
         "source": "测试报"}


def _ids(h, q, **kw) -> list[str]:
    return [x.id for x in search(h, SearchRequest(q=q, **kw)).hits]


def _complete(h, q) -> set[str]:
    return {x.id for x in search(h, SearchRequest(q=q)).hits if not x.missing}


def _gen(d: Path) -> Path:
    return d / read_current(d)


def test_build_writes_pairs_and_search_uses_them(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", [DEFINES, FULL_ONLY, SHORT_ONLY, OTHER])
    d = tmp_path / "ix"
    build([src], d)
    pairs = abbrev.read(_gen(d))
    assert pairs is not None
    assert pairs.counts()[(FULL, SHORT)] == 1 and pairs.counts()[(FULL, ACR)] == 1
    # not an index file: the manifest does not hash it (damage there is no index damage)
    assert abbrev.FILE not in read_manifest(_gen(d))["index_files"]
    with open_index(d) as h:
        assert _complete(h, SHORT) == {"def1", "full1", "short1"}  # the full name counts
        assert _complete(h, FULL) == {"def1", "full1", "short1"}   # and the other way round
        assert "full1" in _complete(h, ACR)
        assert "other1" not in _ids(h, SHORT)


def test_without_a_definition_the_forms_stay_apart(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", [FULL_ONLY, SHORT_ONLY, OTHER])
    d = tmp_path / "ix"
    build([src], d)
    assert abbrev.read(_gen(d)).by_pair == {}
    with open_index(d) as h:
        assert _complete(h, SHORT) == {"short1"}


def test_incremental_build_keeps_each_generation_its_own_pairs(tmp_path):
    d = tmp_path / "ix"
    src = tmp_path / "src"
    src.mkdir()
    write_jsonl(src / "a.jsonl", [FULL_ONLY, SHORT_ONLY, OTHER])
    build([src], d)
    first = _gen(d)
    assert abbrev.read(first).by_pair == {}
    write_jsonl(src / "b.jsonl", [DEFINES])  # a new file brings the definition
    build([src], d)
    second = _gen(d)
    assert second != first
    assert (FULL, SHORT) in abbrev.read(second).counts()
    assert abbrev.read(first).by_pair == {}  # the older generation keeps its own file
    with open_index(d) as h:
        assert "full1" in _complete(h, SHORT)
    (src / "b.jsonl").unlink()  # the defining article goes: so does the pair
    build([src], d)
    assert abbrev.read(_gen(d)).by_pair == {}
    assert (FULL, SHORT) in abbrev.read(second).counts()
    with open_index(d) as h:
        assert _complete(h, SHORT) == {"short1"}


def test_damaged_or_missing_pairs_file_means_no_pairs_never_a_crash(tmp_path, caplog):
    src = write_jsonl(tmp_path / "a.jsonl", [DEFINES, FULL_ONLY, SHORT_ONLY, OTHER])
    d = tmp_path / "ix"
    build([src], d)
    f = _gen(d) / abbrev.FILE
    data = f.read_bytes()
    f.write_bytes(data.replace(SHORT.encode(), "滨航会".encode()))  # still JSON, wrong sum
    with caplog.at_level(logging.WARNING, logger="searchapp"), open_index(d) as h:
        assert _complete(h, SHORT) == {"def1", "short1"}
    assert any("damaged" in r.getMessage() for r in caplog.records)
    f.unlink()
    with open_index(d) as h:
        assert _complete(h, SHORT) == {"def1", "short1"}
    # an incremental build over a generation without the file mines every article again
    write_jsonl(tmp_path / "b.jsonl", [{**OTHER, "id": "other2", "body": "晴。"}])
    build([src, tmp_path / "b.jsonl"], d)
    assert (FULL, SHORT) in abbrev.read(_gen(d)).counts()
def test_thesaurus_off_searches_the_words_alone(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", [DEFINES, FULL_ONLY, SHORT_ONLY, OTHER])
    d = tmp_path / "ix"
    build([src], d)
    with open_index(d) as h:
        r = search(h, SearchRequest(q=SHORT, thesaurus=False))
        assert {x.id for x in r.hits if not x.missing} == {"def1", "short1"}
        assert r.query.also_searched == []
        r = search(h, SearchRequest(q=SHORT))
        assert r.query.also_searched == [{"word": SHORT, "variants": [FULL]}]


# --- mining in the writers -------------------------------------------------------------------

def _defining_docs(n: int) -> list[dict]:
    """n articles, every third defining an invented organisation's short form or acronym, so
    both writers' halves hold definitions (one of them defined in both halves)."""
    orgs = [("滨海航运联盟", "滨航盟"), ("东岭果农协会", "东果协"), ("西川数据中心", "西数中")]
    docs = []
    for i in range(n):
        full, short = orgs[i % len(orgs)]
        body = (f"据{full}（以下简称{short}）消息，今年产量增长。" if i % 3 == 0 else
                f"{full}（CSA{i % 2}X）发布报告。" if i % 3 == 1 else "明天有雨，气温下降。")
        docs.append({"id": f"m{i}", "title": f"新闻{i}", "body": body, "date": "1998-01-05",
                     "source": "测试报"})
    return docs


def test_writers_mine_their_own_share_and_the_merge_equals_one_process(tmp_path, monkeypatch):
    docs = _defining_docs(60)
    src = write_jsonl(tmp_path / "a.jsonl", docs)
    log_file = tmp_path / "pids"
    real = abbrev.candidates

    def logged(text):
        with open(log_file, "a") as f:  # forked writers inherit the patch
            f.write(f"{os.getpid()}\n")
        return real(text)

    monkeypatch.setattr(abbrev, "candidates", logged)
    d = tmp_path / "ix"
    report = build([src], d, workers=2)
    assert not report.warnings
    assert len(set(log_file.read_text().split())) == 2  # both writers mined (not the parent after)
    one = abbrev.Pairs()
    for doc in docs:  # what a single process mining every article gives
        one.add(doc["id"], doc["title"], doc["body"])
    got = abbrev.read(_gen(d))
    assert got.by_pair == one.by_pair
    assert ("滨海航运联盟", "滨航盟") in got.counts() and len(got.by_pair) >= 3
    assert (_gen(d) / abbrev.FILE).read_bytes() == abbrev.encode(one)


def test_a_writer_whose_mining_fails_costs_the_pairs_file_only(tmp_path, monkeypatch):
    docs = _defining_docs(40)
    src = write_jsonl(tmp_path / "a.jsonl", docs)
    real = abbrev.candidates

    def failing(text):
        if "东岭" in text:
            raise RuntimeError("miner broke")
        return real(text)

    monkeypatch.setattr(abbrev, "candidates", failing)
    d = tmp_path / "ix"
    report = build([src], d, workers=2)
    assert report.articles == 40
    assert report.warnings == ["abbreviation mining skipped: RuntimeError: miner broke"]
    assert not (_gen(d) / abbrev.FILE).exists()
