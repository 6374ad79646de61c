"""searchapp.web.templatecache: a server started again renders its pages from the compiled
templates the previous one kept (no compiling on its first page), the same pages; an edited
template is compiled afresh; a cache folder that cannot be used changes nothing but the speed."""
from __future__ import annotations

import re
import shutil

import jinja2
import pytest

from searchapp.web import create_app
from searchapp.web.templatecache import QuietBytecodeCache, template_cache

PAGES = ["/search?q=%E7%BD%91%E7%BB%9C%E5%AE%89%E5%85%A8", "/", "/search?q=zzzznothing"]


@pytest.fixture()
def compiled(monkeypatch):
    """Names of the templates Jinja compiles from source while the test runs."""
    names: list[str] = []
    real = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return real(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def _pages(corpus_index, app=None) -> list[bytes]:
    """The PAGES as an app over `corpus_index` renders them, the time taken (N 毫秒) left out."""
    client = (app or create_app({"TESTING": True, "INDEX_DIR": str(corpus_index)})).test_client()
    out = []
    for url in PAGES:
        r = client.get(url)
        assert r.status_code == 200, url
        out.append(re.sub(rb"\d+ \xe6\xaf\xab\xe7\xa7\x92", b"N ms", r.data))
    return out


def test_a_second_app_renders_from_the_kept_templates(corpus_index, tmp_path, monkeypatch,
                                                      compiled):
    monkeypatch.setenv("SEARCHAPP_CACHE", str(tmp_path))
    first = _pages(corpus_index)
    assert "search.html" in compiled and any((tmp_path / "templates").iterdir())
    compiled.clear()
    again = _pages(corpus_index)
    assert compiled == [], f"compiled again: {compiled}"
    assert again == first


def test_an_edited_template_is_compiled_afresh(tmp_path):
    for body, want in (("old {{ x }}", "old 1"), ("new {{ x }}", "new 1")):
        env = jinja2.Environment(loader=jinja2.DictLoader({"t.html": body}),
                                 bytecode_cache=QuietBytecodeCache(str(tmp_path)))
        assert env.get_template("t.html").render(x=1) == want


def test_an_unusable_cache_folder_changes_nothing_but_speed(corpus_index, tmp_path,
                                                            monkeypatch, compiled):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("SEARCHAPP_CACHE", str(blocker / "cache"))
    assert template_cache() is None
    plain = _pages(corpus_index)
    # a folder that goes away after the app made it: writing an entry fails, quietly
    monkeypatch.setenv("SEARCHAPP_CACHE", str(tmp_path / "gone"))
    app = create_app({"TESTING": True, "INDEX_DIR": str(corpus_index)})
    shutil.rmtree(tmp_path / "gone")
    compiled.clear()
    assert _pages(corpus_index, app) == plain
    assert "search.html" in compiled
