"""Metadata labels in traditional characters (`來源：`, `記者：`, `責任編輯：`, `發佈時間：`), and
the job titles of a credit (`高級記者`, `本報記者`, `通訊員`), are read as their simplified spelling, in a plain-text article (UTF-8 or Big5), a magazine issue's
closing credits and a news page, while the stored text keeps the characters as written
(`ingest.labels`)."""
from __future__ import annotations

import re

import pytest

from searchapp.analysis.text import to_simplified
from searchapp.ingest import read_file
from searchapp.ingest.labels import CREDIT_TITLE, fold_labels

BODY = ("臺北國際書展今日開幕，共有來自四十個國家的出版社參展，主辦單位預估入場人次將創新高。\n\n"
        "主辦單位表示，今年展期六天，並有多場座談會與簽書會。\n")
#: label → (the field it fills, its value), written with traditional labels
HEAD = ["來源：中央社", "記者：王小明", "責任編輯：林美華", "發佈時間：2022-02-10"]


def _simplified_labels(lines: list[str]) -> list[str]:
    return [to_simplified(ln.split("：")[0]) + "：" + ln.split("：", 1)[1] for ln in lines]


def _article(tmp_path, head: list[str], encoding: str = "utf-8", name: str = "a"):
    p = tmp_path / f"{name}-{encoding}.txt"
    p.write_bytes(("臺北舉辦國際書展\n" + "\n".join(head) + "\n\n" + BODY).encode(encoding))
    r = read_file(p)
    assert len(r.articles) == 1, r
    return r.articles[0]


@pytest.mark.parametrize("encoding", ["utf-8", "big5"])
def test_a_traditional_article_reads_its_labels_like_the_simplified_ones(tmp_path, encoding):
    trad = _article(tmp_path, HEAD, encoding)
    simp = _article(tmp_path, _simplified_labels(HEAD), name="simplified")
    assert (trad.source, trad.date, trad.author, trad.extra.get("editor")) == \
           (simp.source, simp.date, simp.author, simp.extra.get("editor"))
    assert trad.source == "中央社" and trad.date == "2022-02-10" and trad.author == "王小明"
    assert trad.extra.get("editor") == "林美華"  # the value as written
    # the labels left the body; the text is stored as written (traditional characters)
    assert "來源" not in trad.body and "記者" not in trad.body and trad.body.startswith("臺北國際書展")


def test_an_issue_closed_by_traditional_credits_splits_like_one_with_simplified_credits(tmp_path):
    pieces = [("臺北舉辦國際書展", "中央社"), ("高雄港貨櫃量創新高", "聯合報"),
              ("新竹科學園區擴建計畫通過", "經濟日報")]

    def issue(label: str) -> str:
        out = []
        for title, outlet in pieces:
            out += [title, "", BODY.replace("臺北國際書展", title[:4]), f"{label}：{outlet}", ""]
        return "\n".join(out)

    got = {}
    for label in ("來源", "来源"):
        p = tmp_path / f"{label}.txt"
        p.write_text(issue(label), encoding="utf-8")
        got[label] = [(a.title, a.source) for a in read_file(p).articles]
    assert got["來源"] == got["来源"] and len(got["來源"]) == len(pieces), got
    assert all(src for _, src in got["來源"])


def test_a_news_page_takes_its_source_from_a_traditional_label(tmp_path):
    page = ("<html><head><meta charset='utf-8'><title>臺北舉辦國際書展</title></head><body>"
            "<article><h1>臺北舉辦國際書展</h1><p>2022-02-10 10:00 來源：聯合新聞網</p>"
            + "".join(f"<p>{ln}</p>" for ln in BODY.split("\n") if ln) + "</article></body></html>")
    p = tmp_path / "page.html"
    p.write_text(page, encoding="utf-8")
    (a,) = read_file(p).articles
    assert a.source and to_simplified(a.source) == "联合新闻网"


#: A reporter's credit after the outlet, as Taiwan, Hong Kong and mainland pages write it: the
#: job title with or without a rank or desk, the name spaced off or glued (third fresh tester,
#: F1 leftover: the traditional forms stayed inside the source).
CREDITS = [("來源：新華社 高級記者 張三", "新华社", "張三"), ("來源：新華社 記者 張三", "新华社", "張三"),
           ("來源：中央社 記者張三", "中央社", "張三"), ("來源：新華社  特約記者 李四", "新华社", "李四"),
           ("來源：人民日報 本報記者 王五", "人民日报", "王五"), ("來源：新華網 通訊員 趙六", "新华网", "趙六"),
           ("來源：聯合報 駐東京特派記者 陳七", "联合报", "陳七"), ("來源：中國記者協會", "中国记者协会", None),
           # glued to the outlet without a space (left at the sixth stop): cut only after an
           # outlet, known or outlet-shaped; 中国记者 is a magazine, 记者站/记者协会 are bodies
           ("來源：新華社記者張三", "新华社", "張三"), ("來源：人民日報本報記者王五", "人民日报", "王五"),
           ("來源：中新社記者 李四", "中新社", "李四"), ("來源：中國記者", "中国记者", None),
           ("來源：中國記者張三", "中国记者张三", None), ("來源：經濟日報記者站", "经济日报记者站", None),
           ("來源：新華社記者協會", "新华社记者协会", None)]


@pytest.mark.parametrize("line,outlet,name", CREDITS)
def test_a_credit_after_the_outlet_reads_like_its_simplified_spelling(tmp_path, line, outlet, name):
    trad = _article(tmp_path, [line, "2022-02-10"])
    simp = _article(tmp_path, [to_simplified(line), "2022-02-10"], name="simplified")
    assert (trad.source, trad.author) == (outlet, name), (line, trad.source, trad.author)
    assert simp.source == outlet and (simp.author is None) == (name is None), (simp.source, simp.author)
    assert trad.date == "2022-02-10" and "來源" not in trad.body


def test_an_issue_credit_after_the_outlet_is_cut_off_in_either_script(tmp_path):
    pieces = [("臺北舉辦國際書展", "新華社 高級記者 張三"), ("高雄港貨櫃量創新高", "人民日報 本報記者 王五"),
              ("新竹科學園區擴建計畫通過", "新華網 通訊員 趙六")]
    got = {}
    for label in ("來源", "来源"):
        out = []
        for title, credit in pieces:
            credit = credit if label == "來源" else to_simplified(credit)
            out += [title, "", BODY.replace("臺北國際書展", title[:4]), f"{label}：{credit}", ""]
        p = tmp_path / f"{label}.txt"
        p.write_text("\n".join(out), encoding="utf-8")
        got[label] = [to_simplified(a.source or "") for a in read_file(p).articles]
    assert got["來源"] == got["来源"] == ["新华社", "人民日报", "新华网"], got


@pytest.mark.parametrize("text", ["來源：中央社 記者：王小明", "來 源 ：中央社", "責任編輯:林",
                                  "臺北電（記者王小明）", "新華社 高級記者 張三", "本報記者 王五",
                                  "新華網 通訊員 趙六", "記憶體與編碼", "no label: here", ""])
def test_fold_labels_changes_only_labels_and_job_titles_and_keeps_the_length(text):
    out = fold_labels(text)
    assert len(out) == len(text)
    titles = [m.span() for m in re.finditer(CREDIT_TITLE, out)]
    for i, (a, b) in enumerate(zip(text, out)):
        if a != b:  # a changed character: in a run of Han characters before a colon, or a title
            assert to_simplified(a) == b, (text, out)
            assert any(c in "：:" for c in text[i:i + 8]) or any(x <= i < y for x, y in titles), \
                (text, out)
    assert "中央社" in out or "中央社" not in text
    assert "臺北電" in out or "臺北電" not in text
    assert "張三" in out or "張三" not in text  # names as written
    assert "記憶體與編碼" in out or "記憶體與編碼" not in text


def test_every_line_rule_reads_a_traditional_source_label():
    """The magazine line rules read `來源：` themselves, so a caller need not fold the line
    first: a traditional source line is a credit, never headline-shaped, and the outlet is cut
    from the line as printed."""
    from searchapp.ingest import magazine_lines as ml

    assert ml.source_line("來源：新華社 記者：張三") == "新華社"
    assert ml.source_line("來源：新華社 高級記者 張三") == "新華社"
    assert ml.source_line("（來源：平頂山日報）") == "平頂山日報"
    assert ml.is_title_like("來源：新華社") is False
    assert ml.credit_at_end("今天開幕。（來源：平頂山日報）") == ("今天開幕。", "平頂山日報")
