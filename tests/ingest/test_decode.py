"""Bytes are decoded by what they are, not by what a label claims: GBK/GB18030, UTF-8, BOMs,
truncated and mislabelled input all come out as the right text, binary is refused."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchapp.ingest.decode import UndecodableFile, decode_bytes, decode_text, looks_binary, normalize_label

SHARED = Path(__file__).resolve().parents[3] / "shared"
THUC = SHARED / "data" / "thucnews-cnews-1000" / "cnews.val.txt"
SOGOU = SHARED / "data" / "sogou-news-smarty"

ZH = "互联网产业在河南快速发展，5G基站建设与网络安全工作同步推进。人工智能企业数量比去年增长三成。"


def test_gbk_without_label_is_gb18030():
    text, enc = decode_bytes(ZH.encode("gbk"))
    assert text == ZH and enc == "gb18030"


def test_gb18030_pair_that_gbk_rejects():
    data = ZH.encode("gbk") + b"\xa3\x7c" + "结束。".encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gbk")
    text, enc = decode_bytes(data, declared="gb2312")
    assert enc == "gb18030" and "\ufffd" not in text and text.endswith("结束。")


def test_utf8_labelled_gb2312_is_read_as_utf8():
    text, enc = decode_bytes(ZH.encode("utf-8"), declared="GB2312")
    assert text == ZH and enc == "utf-8"


def test_gbk_labelled_utf8_is_read_as_gb18030():
    text, enc = decode_bytes(ZH.encode("gbk"), declared="utf-8")
    assert text == ZH and enc == "gb18030"


@pytest.mark.parametrize("codec,bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
                                       ("utf-16-be", b"\xfe\xff")])
def test_bom_wins(codec, bom):
    text, _ = decode_bytes(bom + ZH.encode(codec), declared="gbk")
    assert text == ZH


def test_truncated_utf8_keeps_everything_before_the_cut():
    data = ZH.encode("utf-8")[:-1]  # cut inside the last character
    text, enc = decode_bytes(data)
    assert enc == "utf-8" and ZH.startswith(text) and len(text) == len(ZH) - 1


def test_latin1_declared_is_not_read_as_chinese():
    s = "Café déjà vu: naïve résumé of Zürich señoras, à la française. " * 3
    text, _ = decode_bytes(s.encode("latin-1"), declared="iso-8859-1")
    assert text == s


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary\x00" * 10, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20])
def test_binary_is_refused(data):
    assert looks_binary(data)
    with pytest.raises(UndecodableFile):
        decode_bytes(data)


def test_mixed_line_endings_become_lf():
    text, _ = decode_text("第一行\r\n第二行\r第三行\n第四行".encode("gbk"))
    assert text == "第一行\n第二行\n第三行\n第四行"


def test_labels():
    assert normalize_label("GB2312") == "gb18030"
    assert normalize_label("x-gbk") == "gb18030"
    assert normalize_label("UTF8") == "utf-8"
    assert normalize_label("no-such-charset") is None


def _thuc_lines(n: int) -> list[str]:
    if not THUC.exists():
        pytest.skip("../shared/data/thucnews-cnews-1000 missing")
    with THUC.open(encoding="utf-8") as f:
        return [next(f).rstrip("\n") for _ in range(n)]


def test_real_articles_roundtrip_in_every_encoding():
    """Real news text (THUCNews) encoded as UTF-8, GB18030 and UTF-16 comes back unchanged."""
    for line in _thuc_lines(200):
        body = line.split("\t", 1)[1]
        for codec in ("utf-8", "gb18030"):
            text, _ = decode_bytes(body.encode(codec))
            assert text == body, codec
        text, _ = decode_bytes(b"\xff\xfe" + body.encode("utf-16-le"))
        assert text == body


def test_real_gbk_file_from_sogou():
    f = SOGOU / "news_tensite_xml.smarty.dat"
    if not f.exists():
        pytest.skip("../shared/data/sogou-news-smarty missing")
    text, enc = decode_bytes(f.read_bytes())
    assert enc == "gb18030"
    assert "<contenttitle>" in text and "\ufffd" not in text
    assert "公安机关" in text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_either_decode_or_raise_the_documented_error(data):
    try:
        text, enc = decode_text(data)
    except UndecodableFile:
        return
    assert isinstance(text, str) and isinstance(enc, str) and "\r" not in text


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_any_text_as_utf8_roundtrips(s):
    data = s.encode("utf-8")
    if looks_binary(data):
        return
    text, _ = decode_bytes(data)
    assert text == s.removeprefix("\ufeff") or text == s


def test_a_stray_binary_line_is_blanked_and_numbered():
    from searchapp.ingest.decode import blank_binary_lines

    good = "{\"title\": \"标题\", \"body\": \"正文\"}".encode("utf-8")
    data = b"\n".join([good, b"\x00\x01bad\x00", good, good]) + b"\n"
    cleaned, bad = blank_binary_lines(data)
    assert bad == [2]
    assert cleaned.split(b"\n") == [good, b"", good, good, b""]
    assert blank_binary_lines(good + b"\n") == (good + b"\n", [])


@pytest.mark.parametrize("data", [bytes(range(256)) * 40, b"\x00\x01\x02" * 1000,
                                  "abc 中文".encode("utf-16-le") * 50 + b"\n" + b"ok"])
def test_mostly_binary_lines_are_still_refused(data):
    from searchapp.ingest.decode import blank_binary_lines

    with pytest.raises(UndecodableFile):
        blank_binary_lines(data)


def test_big5_bytes_under_a_gb_label_are_read_as_big5_and_the_reverse():
    # Found by the fresh tester: a Big5 page declaring gb2312 decoded as GB18030 without an
    # error and was indexed as mojibake (籓芖 穨が羛呼...), silently.
    import opencc

    from searchapp.ingest.decode import decode_bytes

    simplified = "工业互联网平台建设加快推进，多个重点行业实现规模化应用，记者从有关部门获悉。"
    traditional = opencc.OpenCC("s2t").convert(simplified)
    for label in ("gb2312", "gbk", None):
        text, enc = decode_bytes(traditional.encode("big5"), label)
        assert text == traditional and enc.startswith("big5"), (label, text, enc)
    for label in ("big5", "gb2312", None):
        text, enc = decode_bytes(simplified.encode("gb18030"), label)
        assert text == simplified and enc == "gb18030", (label, text, enc)


def test_a_utf8_text_with_a_pasted_gbk_line_is_refused_naming_that_line(tmp_path):
    # found by the third fresh tester: refused whole with no hint of where the bad bytes are
    from searchapp.ingest import IngestError, read_file

    lines = ["网络安全周开幕".encode(), "正文第一段，内容完整，句子结束。".encode() * 3,
             "这一行来自GBK编码的文件，内容不同。".encode("gbk"), "最后一段，句子结束。".encode()]
    p = tmp_path / "mixed.txt"
    p.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(IngestError, match=r"line 3 is not UTF-8 while the rest is"):
        read_file(p)
