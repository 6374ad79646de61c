"""The same story in two forms (a web page and a magazine reprint, re-wrapped, re-punctuated,
lightly edited) is marked as one near-duplicate group; different stories are not; the result
is deterministic and independent of hash salting."""
from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from searchapp.analysis.dedupe import find_groups, mark_duplicates, near_duplicates, similarity
from searchapp.model import Article

THUC = Path(__file__).resolve().parents[3] / "shared" / "data" / "thucnews-cnews-1000" / "cnews.val.txt"


@pytest.fixture(scope="module")
def real() -> list[str]:
    """Bodies of 300 real news articles (THUCNews sample), each at least 400 characters."""
    if not THUC.exists():
        pytest.skip("../shared/data/thucnews-cnews-1000 missing")
    bodies = [ln.split("\t", 1)[1] for ln in THUC.read_text(encoding="utf-8").splitlines()]
    return [b for b in bodies if len(b) >= 400][:300]


def reprint(body: str, rng: random.Random) -> str:
    """The body as a magazine prints it: PDF line breaks every ~30 characters, full-width
    digits, a few characters changed, a credit line added."""
    chars = list(body)
    for _ in range(len(chars) // 100):
        chars[rng.randrange(len(chars))] = "的"
    s = "".join(chars).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    s = "\n".join(s[i:i + 30] for i in range(0, len(s), 30))
    return s + "\n（来源：新华网）"


@pytest.mark.slow
def test_reprints_found_and_distinct_stories_kept(real):
    rng = random.Random(7)
    arts = [Article(id=f"p{i}", title=f"网页{i}", body=b, date="2020-09-01") for i, b in enumerate(real[:100])]
    arts += [Article(id=f"m{i}", title=f"杂志{i}", body=reprint(b, rng), date="2020-09-20")
             for i, b in enumerate(real[:50])]
    mark_duplicates(arts)
    by_id = {a.id: a for a in arts}
    for i in range(50):  # the earlier web page is the representative, the reprint points to it
        assert by_id[f"m{i}"].duplicate_of == f"p{i}"
        assert by_id[f"p{i}"].duplicate_of is None or by_id[f"p{i}"].duplicate_of.startswith("p")
    wrong = [a for a in arts if a.duplicate_of and a.id.startswith("p")]
    # distinct pages in the sample must not be joined (allow only genuinely shared boilerplate)
    for a in wrong:
        assert similarity(a, by_id[a.duplicate_of]) >= 0.5


def test_representative_is_earliest_then_longest():
    body = "互联网产业在河南快速发展，5G基站建设与网络安全工作同步推进，人工智能企业数量比去年增长三成。" * 8
    a = Article(id="a", title="t", body=body, date="2020-09-20")
    b = Article(id="b", title="t", body=body + "补充一句。", date="2020-09-01")
    c = Article(id="c", title="t", body=body + "更长的补充内容，写在最后。", date=None)
    arts = [a, b, c]
    mark_duplicates(arts)
    assert [x.duplicate_of for x in arts] == ["b", None, "b"]
    mark_duplicates(arts)  # idempotent
    assert [x.duplicate_of for x in arts] == ["b", None, "b"]


def test_short_and_empty_articles(real):
    arts = [Article(id="e1", title="", body=""), Article(id="e2", title="", body=""),
            Article(id="s1", title="短讯", body="今日天气晴。"), Article(id="s2", title="短讯", body="今日天气晴。"),
            Article(id="x", title="另一条", body=real[0])]
    mark_duplicates(arts)
    assert arts[0].duplicate_of is None and arts[1].duplicate_of is None  # nothing to compare
    assert arts[3].duplicate_of == "s1" and arts[4].duplicate_of is None


def test_near_duplicates_ranks_candidates(real):
    rng = random.Random(1)
    a = Article(id="a", title="t", body=real[0])
    cands = [Article(id="r", title="t", body=reprint(real[0], rng)), Article(id="o", title="t", body=real[1]), a]
    got = near_duplicates(a, cands)
    assert [i for i, _ in got] == ["r"] and 0.5 <= got[0][1] <= 1.0


@pytest.mark.slow
def test_deterministic_across_processes(real):
    """Same groups in a fresh interpreter with a different hash seed."""
    rng = random.Random(3)
    arts = [Article(id=f"p{i}", title="t", body=b) for i, b in enumerate(real[:40])]
    arts += [Article(id=f"m{i}", title="t", body=reprint(b, rng)) for i, b in enumerate(real[:10])]
    here = find_groups(arts)
    code = ("import json,sys; from searchapp.model import Article; from searchapp.analysis.dedupe import find_groups;"
            "arts=[Article(**d) for d in json.load(sys.stdin)]; print(json.dumps(find_groups(arts)))")
    import json

    out = subprocess.run([sys.executable, "-c", code], input=json.dumps([x.to_dict() for x in arts]),
                         capture_output=True, text=True, env={"PYTHONHASHSEED": "12345", "PATH": ""},
                         cwd=Path(__file__).resolve().parents[2], check=True)
    assert json.loads(out.stdout) == here
    assert len(here) >= 10


def test_abridged_reprint_is_a_near_duplicate_but_a_quoted_brief_is_not(real):
    rng = random.Random(5)
    long_body = real[2] + real[3]
    page = Article(id="page", title="t", body=long_body, date="2020-09-01")
    abridged = Article(id="mag", title="t", body=reprint(long_body[: len(long_body) * 6 // 10], rng), date="2020-09-20")
    roundup = Article(id="roundup", title="t", body="".join(real[4:12]) + real[13][:150], date="2020-09-02")
    brief = Article(id="brief", title="t", body=real[13][:150], date="2020-09-03")
    arts = [page, abridged, roundup, brief]
    mark_duplicates(arts)
    assert abridged.duplicate_of == "page"
    assert brief.duplicate_of is None and roundup.duplicate_of is None
