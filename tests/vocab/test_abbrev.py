"""Abbreviation pairs mined from the text's own definitions (`vocab.abbrev`), on generated
articles: invented organisations defined in each of the patterns the miner reads, and
look-alikes it must refuse. The last tests mine real archives (the bundled issue, PFR January
1998) and assert properties of every pair, not a list."""
from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

import pytest

from searchapp.ingest import discover, read_file
from searchapp.vocab import abbrev
from searchapp.vocab.abbrev import Pairs, decode, encode, mine

# mining loads jieba's part-of-speech table (~1-4 s) and the last tests read whole archives
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PFR = ROOT.parent / "shared" / "data" / "pfr-199801"

# invented names: region + field + kind, with their English words (for acronyms)
REGIONS = [("华东", "East China"), ("西南", "Southwest"), ("滨海", "Coastal"),
           ("北方", "Northern"), ("中部", "Central")]
FIELDS = [("渔业", "Fishery"), ("电力", "Power"), ("航运", "Shipping"),
          ("山地救援", "Mountain Rescue"), ("农机", "Farm Machinery")]
KINDS = [("协会", "Association"), ("联盟", "Alliance"), ("委员会", "Committee"),
         ("合作组织", "Cooperation Organization")]
LEADS = ["据", "他说，", "今年", "由", "双方同意，", "会上，"]
TAILS = ["今天在京召开年会。", "发布了新的报告。", "的成员增加到三十个。", "表示支持。"]


def names():
    for (r, re_), (f, fe), (k, ke) in itertools.product(REGIONS, FIELDS, KINDS):
        full = r + f + k
        english = f"{re_} {fe} {ke}"
        acronym = "".join(w[0] for w in english.split())
        short = r[0] + f[0] + k[0]
        yield full, short, english, acronym


NAMES = list(names())


def definitions(full, short, english, acronym):
    """(text, expected pair) for each definition pattern."""
    return [
        (f"{full}（{short}）", (full, short)),
        (f"{full}(以下简称{short})", (full, short)),
        (f"{full}（简称“{short}”）", (full, short)),
        (f"{full}（下称{short}）", (full, short)),
        (f"{full}，简称{short}，", (full, short)),
        (f"{full}（{acronym}）", (full, acronym)),
        (f"{full}（{english}，{acronym}）", (full, acronym)),
        (f"{acronym}（{full}）", (full, acronym)),
        (f"{full}（以下简称{acronym}）", (full, acronym)),
    ]


@pytest.mark.parametrize("seed", range(6))
def test_every_pattern_found_in_generated_articles(seed):
    rng = random.Random(seed)
    for full, short, english, acronym in rng.sample(NAMES, 12):
        for text, pair in definitions(full, short, english, acronym):
            article = rng.choice(LEADS) + text + rng.choice(TAILS)
            got = mine(article)
            assert pair in got, (article, got)
            # nothing else: the lead words never join the name
            assert all(f == full for f, _ in got), (article, got)


def test_fullwidth_letters_and_brackets_count_as_halfwidth():
    assert ("滨海航运联盟", "CSA") in mine("滨海航运联盟（ＣＳＡ）今天成立")
    assert ("滨海航运联盟", "滨航盟") in mine("滨海航运联盟(滨航盟)今天成立")


LOOKALIKES = [
    "三峡工程（工程）进展顺利",             # a contiguous piece is no abbreviation
    "新华社北京1月5日电（记者张建国）",       # a credit line
    "详见第二版（二版）",                    # a page reference
    "张小明（ZXM）今天到达",                 # a person's initials
    "每小时行驶一百公里（KM）",              # a unit
    "“希望工程”（希望）",                    # a quotation
    "1998年1月（上）",                       # a date with a part number
    "该公司（以下简称公司）",                # the short form is a piece of the name
    "这个计划（GLOBLE）",                    # a common word is no name of an acronym
    "海马牌（HMC5010X）汽车",               # a model number
    "X射线断层检查仪（CT）",                 # a name cut in the middle of Latin letters
    "（图）",
    "李华（右）与王刚（左）交谈",
    "IPTV（记者 王丽 摄）",
    "5G（第五代移动通信）",                 # one capital: not an acronym
    "东海渔业协会（East China Fishery Association，XYZ）",  # initials do not spell it
]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalikes_give_nothing(text):
    assert mine(text) == set()


def test_no_definition_marker_no_pair():
    assert mine("华东渔业协会和华渔协都派了代表") == set()
    assert mine("") == set()


def test_pairs_count_articles_and_forget_deleted_ones():
    full, short, _, acronym = NAMES[0]
    p = Pairs()
    p.add("a1", f"{full}（{short}）成立", None)
    p.add("a2", "标题", f"据{full}（{short}）统计")
    p.add("a3", f"{acronym}（{full}）发布报告")
    assert p.counts()[(full, short)] == 2
    assert p.counts()[(full, acronym)] == 1
    table = p.table()
    from searchapp.analysis.analyzer import squeeze
    assert set(table[squeeze(full)]) == {short, acronym}
    assert table[squeeze(short)] == (full,)
    assert p.table(min_articles=2) == {squeeze(full): (short,), squeeze(short): (full,)}
    p.drop(["a1", "a2"])
    assert (full, short) not in p.counts()
    assert p.counts() == {(full, acronym): 1}


def test_file_round_trip_and_damage():
    p = Pairs()
    p.add("x", "华东渔业协会（华渔协）与北方电力联盟（NPA）")
    data = encode(p)
    assert decode(data).by_pair == p.by_pair
    for bad in (data[:-5], data.replace("华渔协".encode(), "华渔会".encode()), b"", b"\xff\xfe",
                b'{"format": 1}', b"[]"):
        with pytest.raises(ValueError):
            decode(bad)


def test_read_missing_and_damaged(tmp_path, caplog):
    assert abbrev.read(tmp_path) is None  # no file: no pairs, nothing logged
    assert not caplog.records
    (tmp_path / abbrev.FILE).write_bytes(b'{"format": 1, "pairs": [["a", "b", ["x"]]]}')
    assert abbrev.read(tmp_path) is None
    assert any("damaged" in r.getMessage() for r in caplog.records)


# --- real archives: every mined pair must be plausible ------------------------------------

_HAN = re.compile(r"[\u3400-\u9fff·]+")
_ACR = re.compile(r"[A-Z][A-Z0-9&]{1,9}")


def _plausible(full: str, short: str) -> None:
    assert _HAN.fullmatch(full) and 2 <= len(full) <= 20, full
    if _ACR.fullmatch(short):
        assert sum(c.isupper() for c in short) >= 2 and sum(c.isdigit() for c in short) <= 2
        assert len(full) >= 3
    else:
        assert _HAN.fullmatch(short) and 2 <= len(short) < len(full), (full, short)
        it = iter(full)
        assert all(c in it for c in short), (full, short)  # its characters, in order
        assert short not in full
        assert not set(short) & set("第版图摄年月日")


def _mine_files(paths) -> tuple[Pairs, int]:
    p, n = Pairs(), 0
    for path in discover(paths):
        for a in read_file(path).articles:
            n += 1
            p.add(a.id, a.title, a.body)
    return p, n


def test_bundled_issue_gives_only_plausible_pairs():
    p, n = _mine_files([ROOT / "corpus"])
    assert n > 10
    assert p.by_pair, "the bundled issue defines acronyms (e.g. an organisation's)"
    for (full, short), ids in p.by_pair.items():
        _plausible(full, short)
        assert ids
    # a definition is rare: far fewer pairs than articles
    assert len(p.by_pair) < n


@pytest.mark.skipif(not PFR.exists(), reason="needs ../shared/data/pfr-199801")
def test_pfr_month_gives_only_plausible_pairs():
    p, n = _mine_files([PFR])
    assert n > 3000
    assert len(p.by_pair) >= 5
    assert len(p.by_pair) < n / 20
    for (full, short), ids in p.by_pair.items():
        _plausible(full, short)
        assert ids
    # no short form is claimed by many full names
    shorts: dict[str, set[str]] = {}
    for full, short in p.by_pair:
        shorts.setdefault(short, set()).add(full)
    assert max(len(v) for v in shorts.values()) <= 3
