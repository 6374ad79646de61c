"""searchapp.analysis.fastjieba: the fast backend's class is loaded without rjieba's package
building a default dictionary of its own (one dictionary built per process, not two), and
rjieba's package still works when imported after or before it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from searchapp.analysis import fastjieba

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(fastjieba.jieba_class() is None, reason="rjieba not installed")


def _run_ok(code: str, cache: Path) -> None:
    env = {**os.environ, "SEARCHAPP_CACHE": str(cache)}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                       cwd=ROOT, timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


@pytest.mark.slow
def test_tokenizer_builds_no_second_dictionary(tmp_path):
    """A fresh process's tokenizer loads rjieba without its package (whose import builds the
    module-level `rjieba._DEFAULT_JIEBA`), gives jieba's tokens, and a later `import rjieba`
    finds the same class and works."""
    code = ("import sys; from searchapp.analysis import tokenizer as T;"
            "assert T.warm() == 'rjieba';"
            "assert 'rjieba' not in sys.modules, 'the package (and its default Jieba) was imported';"
            "s = '我来到北京清华大学，参加５Ｇ网络安全大会';"
            "assert T.words(s) == T.reference_words(s), (T.words(s), T.reference_words(s));"
            "import rjieba; assert type(T._fast) is rjieba.Jieba;"
            "assert [w for w, _, _ in rjieba.tokenize('我来到北京', 'default', False)] == ['我', '来到', '北京'];"
            "print('ok')")
    _run_ok(code, tmp_path)


@pytest.mark.slow
def test_package_imported_first_is_used(tmp_path):
    """When rjieba's package is already imported, its class is the one used (the compiled
    module is never loaded a second time)."""
    code = ("import rjieba; from searchapp.analysis import fastjieba, tokenizer as T;"
            "assert fastjieba.jieba_class() is rjieba.Jieba;"
            "assert T.warm() == 'rjieba' and type(T._fast) is rjieba.Jieba;"
            "print('ok')")
    _run_ok(code, tmp_path)
