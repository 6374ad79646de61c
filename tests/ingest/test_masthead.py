"""A publication.toml beside issue files names their publication: name required, ISSN with a
valid check character, CN number, kind 期刊/报纸; anything else is refused with one line naming
the file and what is valid. The nearest sidecar up to the folder given applies, and the sidecar
is never read as an input file."""
from __future__ import annotations

import pytest

from searchapp.ingest import SIDECAR_NAME, MastheadError, find_inputs, masthead_for, read_masthead


def _write(folder, text: str):
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / SIDECAR_NAME
    p.write_text(text, "utf-8")
    return p


def test_a_full_sidecar_reads_back_normalised(tmp_path):
    p = _write(tmp_path, 'name = " 某某　月刊 "\nissn = "1000-002x"\n'
                         'cn = "CN 41-1234/tn"\nkind = "报纸"\n')
    assert read_masthead(p) == {"name": "某某 月刊", "issn": "1000-002X", "cn": "41-1234/TN",
                                "kind": "newspaper"}


def test_name_alone_is_enough(tmp_path):
    assert read_masthead(_write(tmp_path, 'name = "某某月刊"\n')) == {"name": "某某月刊"}


@pytest.mark.parametrize("text, words", [
    ('name = "某某月刊\n', "not valid TOML"),
    ('title = "某某月刊"\n', "unknown key 'title'; valid keys: name, issn, cn, kind"),
    ('issn = "1234-5679"\n', "no name"),
    ('name = ""\n', "name must be"),
    ('name = 5\n', "name must be a string"),
    ('name = "某某月刊"\nissn = "1234-5678"\n', "issn must look like"),   # wrong check digit
    ('name = "某某月刊"\ncn = "411234"\n', "cn must look like"),
    ('name = "某某月刊"\nkind = "book"\n', "kind must be one of 期刊"),
])
def test_a_malformed_sidecar_is_refused_with_what_is_valid(tmp_path, text, words):
    p = _write(tmp_path, text)
    with pytest.raises(MastheadError) as e:
        read_masthead(p)
    assert words in e.value.reason and e.value.file == str(p)


def test_a_sidecar_that_is_not_utf8_is_refused(tmp_path):
    p = tmp_path / SIDECAR_NAME
    p.write_bytes('name = "某某月刊"\n'.encode("gbk"))
    with pytest.raises(MastheadError, match="not UTF-8"):
        read_masthead(p)


def test_the_nearest_sidecar_up_to_the_folder_given_applies(tmp_path):
    top = tmp_path / "archive"
    _write(top, 'name = "总刊"\n')
    _write(top / "b", 'name = "分刊"\n')
    (top / "a" / "2020").mkdir(parents=True)
    (top / "b" / "2021").mkdir(parents=True)
    a = top / "a" / "2020" / "issue-2020-09.txt"
    b = top / "b" / "2021" / "issue-2021-01.txt"
    assert masthead_for(a, top)[0] == {"name": "总刊"}
    assert masthead_for(b, top)[0] == {"name": "分刊"}
    assert masthead_for(a, None) == (None, None)          # a file named itself: its own folder
    assert masthead_for(a, top / "a") == (None, None)     # never above the folder given


def test_a_bad_sidecar_is_a_problem_not_an_exception(tmp_path):
    _write(tmp_path, 'nam = "x"\n')
    got, prob = masthead_for(tmp_path / "issue.txt")
    assert got is None and prob.file.endswith(SIDECAR_NAME) and "unknown key 'nam'" in prob.reason


def test_the_sidecar_is_never_an_input_file(tmp_path):
    _write(tmp_path, 'name = "某某月刊"\n')
    (tmp_path / "a.txt").write_text("标题\n\n正文。\n", "utf-8")
    assert [p.name for p in find_inputs([tmp_path]).files] == ["a.txt"]
