"""A Latin/digit word written joined or with an inner hyphen is one word (fifth fresh tester, F6:
`WiFi` and `COVID19` found nothing, and suggested nothing, where articles print `Wi-Fi` and
`COVID-19`). Searched both ways at query time; a glued word is cut only where the archive
prints both halves as words, never inside a number."""
from __future__ import annotations

import pytest

from helpers import tiny_index
from searchapp.request import SearchRequest
from searchapp.search import search
from searchapp.search.hyphens import cuts, joined

DOCS = [
    {"id": "hyphen", "title": "Bluetooth-LE 与 LTE-M 的网络", "body": "家庭 Bluetooth-LE 设备增多，LTE-M 模组降价。",
     "date": "2021-02-01"},
    {"id": "glued", "title": "BluetoothLE 热点", "body": "商场的 BluetoothLE 信标和 LTEM 模组。", "date": "2021-02-02"},
    {"id": "apart", "title": "蓝牙", "body": "Bluetooth 标准中 LE 是低功耗。年份 2020 与 20 20 无关。",
     "date": "2021-02-03"},
    {"id": "year", "title": "年份", "body": "2020年的数据与20-20比分。", "date": "2021-02-04"},
]


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    h = tiny_index(tmp_path_factory.mktemp("hyphens"), DOCS)
    yield h
    h.close()


def ids(h, q):
    r = search(h, SearchRequest(q=q, size=100))
    return [(x.id, x.missing) for x in r.hits]


def whole(h, q):
    """The hits holding the word (in either spelling): they come first."""
    got = ids(h, q)
    held = [i for i, m in got if not m]
    assert [i for i, _ in got[:len(held)]] == held, got
    return sorted(held)


def test_the_candidate_spellings():
    assert joined("Wi-Fi") == "wifi" and joined("ＣＯＶＩＤ－１９") == "covid19"
    assert joined("WiFi") is None and joined("5G+工业") is None and joined("中-美") is None
    assert cuts("WiFi") == ["wi-fi"] and "covid-19" in cuts("COVID19")
    assert cuts("2020") == [] and cuts("e-mail") == [] and cuts("abc") == []
    assert "iso-9000" in cuts("ISO9000") and not any(c.startswith("iso9") for c in cuts("ISO9000"))


@pytest.mark.slow
def test_joined_and_hyphenated_spellings_find_each_other(idx):
    for q in ("BluetoothLE", "Bluetooth-LE", "bluetoothle", "ＢｌｕｅｔｏｏｔｈＬＥ"):
        assert whole(idx, q) == ["glued", "hyphen"], q
    assert whole(idx, "LTE-M") == ["glued", "hyphen"]  # joined: `ltem`
    assert whole(idx, "LTEM") == ["glued"]  # a one-letter half is too little to cut off
    # the halves apart, not side by side, are no spelling of the word; a number is never cut
    assert "apart" not in [i for i, _ in ids(idx, "BluetoothLE")]
    assert ids(idx, "2020")[0][0] in ("year", "apart") and ("year", []) in ids(idx, "2020")
    r = search(idx, SearchRequest(q="BluetoothLE", size=10))
    assert "<mark>Bluetooth-LE</mark>" in r.hits[[h.id for h in r.hits].index("hyphen")].snippet_html


def test_a_searcher_looks_a_words_spellings_up_once(tmp_path, monkeypatch):
    # best match and the highlighter both asked for a word's spellings (term look-ups each time)
    from searchapp.search import hyphens

    h = tiny_index(tmp_path, DOCS)
    calls = []
    real = hyphens.cuts
    monkeypatch.setattr(hyphens, "cuts", lambda t: calls.append(t) or real(t))
    try:
        first = ids(h, "BluetoothLE")
        assert calls and len(calls) == len(set(calls)), calls
        n = len(calls)
        assert ids(h, "BluetoothLE") == first and len(calls) == n, calls
    finally:
        h.close()
