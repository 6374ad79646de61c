"""searchapp.analysis.tokenizer: the fast backend (rjieba) gives exactly jieba's precise-mode tokens and
offsets (HMM off) on real text, with and without user-dictionary words; words() contract."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from searchapp.analysis import tokenizer as T


ROOT = Path(__file__).resolve().parents[2]
ISSUE = ROOT / "corpus" / "issue-2020-09-internet-industry-magazine.txt"
PFR = ROOT.parent / "shared" / "data" / "pfr-199801" / "199801.txt.xz"

pytestmark = pytest.mark.skipif(T.new_fast() is None, reason="rjieba not installed")


def _texts() -> list[str]:
    texts = [ISSUE.read_text(encoding="utf-8")]
    if PFR.exists():
        from bench.pfr import articles
        texts += [a["title"] + "\n\n" + a["body"] for a in articles(PFR, limit=150)]
    return texts


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


@pytest.fixture(scope="module")
def plain():
    return T.new_jieba(), T.new_fast()


def _random_entries(texts: list[str], n: int, seed: int) -> list[tuple[str, int | None]]:
    """n random substrings of the real text (no whitespace) as user words, half with a frequency."""
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        t = rng.choice(texts)
        i = rng.randrange(max(1, len(t) - 8))
        w = t[i:i + rng.randint(2, 6)]
        if w and not any(c.isspace() for c in w):
            out.append((w, rng.choice([None, rng.randint(1, 50_000)])))
    return out


@pytest.mark.slow
def test_fast_equals_jieba_on_real_text(texts, plain):
    ref, fast = plain
    for t in texts:
        assert T.tokens_of(fast, t) == T.tokens_of(ref, t)


@pytest.mark.slow
def test_fast_equals_jieba_with_user_words(texts):
    entries = [*T.userdict_entries(), *_random_entries(texts, 300, seed=7)]
    ref, fast = T.new_jieba(entries), T.new_fast(entries)
    baseline = T.new_fast()
    changed = 0
    for t in texts:
        a, b = T.tokens_of(fast, t), T.tokens_of(ref, t)
        assert a == b
        changed += a != T.tokens_of(baseline, t)
    assert changed > 0, "the user words should change some segmentation"


@pytest.mark.slow
def test_offsets_and_no_whitespace(texts):
    for t in texts[:20]:
        toks = T.words(t)
        assert toks
        last = 0
        for w, s, e in toks:
            assert t[s:e] == w and s >= last and not w.isspace() and w
            last = e
        # nothing but whitespace is dropped
        assert "".join(w for w, _, _ in toks) == "".join(t.split())


_alphabet = st.sampled_from(list("中国人民银行互联网安全大会北京清华大学的了是在") +
                            list("abcXYZ019 .-+#%_&\n\t\u3000，。！“”（）１２ＡＢ😀〇"))


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.text(_alphabet, max_size=60))
@example("安安安0")  # a tie in jieba's route, broken differently by jieba-rs (tokenizer._TIED_RUN)
def test_property_fast_equals_reference(text):
    a = T.words(text)
    assert a == T.reference_words(text)
    for w, s, e in a:
        assert text[s:e] == w and not w.isspace()


def _run_ok(code: str, cache: Path) -> None:
    """Run `code` in a fresh Python process (its own tokenizer state, cache folder `cache`);
    it must print "ok"."""
    env = {**os.environ, "SEARCHAPP_CACHE": str(cache)}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                       cwd=ROOT, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


@pytest.mark.slow
def test_add_word_reaches_both_backends(tmp_path):
    """add_word (run in a child process: the shared dictionary is not ours to change here)."""
    code = ("from searchapp.analysis import tokenizer as T; s = '今年的网信安全周开幕';"
            "assert '网信安全周' not in [w for w, _, _ in T.words(s)];"
            "T.add_word('网信安全周');"
            "assert '网信安全周' in [w for w, _, _ in T.words(s)];"
            "assert '网信安全周' in [w for w, _, _ in T.reference_words(s)];"
            "import pytest\n"
            "with pytest.raises(ValueError): T.add_word('two words')\n"
            "print('ok')")
    _run_ok(code, tmp_path)


def test_words_rejects_non_str_and_handles_empty():
    assert T.words("") == [] and T.words(" \n\t") == []
    with pytest.raises(TypeError):
        T.words(b"bytes")  # type: ignore[arg-type]


@pytest.mark.slow
def test_import_is_lazy_and_quiet(tmp_path):
    """Importing loads nothing; first use prints nothing and writes the cache under
    $SEARCHAPP_CACHE, not in the shared temp dir."""
    code = ("import sys; from searchapp.analysis import tokenizer as T;"
            "assert 'jieba' not in sys.modules and 'rjieba' not in sys.modules;"
            "T.reference_words('我来到北京清华大学'); print(T.words('我来到北京')[0][0])")
    env = {**os.environ, "SEARCHAPP_CACHE": str(tmp_path), "PYTHONWARNINGS": "default"}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                       cwd=ROOT, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "我" and r.stderr == ""
    assert (tmp_path / "jieba.cache").is_file()


@pytest.mark.slow
def test_forced_jieba_backend_gives_same_tokens(tmp_path):
    """$SEARCHAPP_TOKENIZER=jieba (the fallback) gives what the default backend gives."""
    text = "２０２０年５Ｇ网络安全大会在北京召开 ok"
    code = ("from searchapp.analysis import tokenizer as T; import json;"
            f"print(T.backend_name(), json.dumps(T.words({text!r})))")
    env = {**os.environ, "SEARCHAPP_CACHE": str(tmp_path), "SEARCHAPP_TOKENIZER": "jieba"}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                       cwd=ROOT, timeout=60)
    assert r.returncode == 0, r.stderr
    name, payload = r.stdout.split(" ", 1)
    assert name == "jieba" and T.backend_name() == "rjieba"
    assert [tuple(t) for t in json.loads(payload)] == T.words(text)


@pytest.mark.slow
def test_first_use_from_many_threads(tmp_path):
    """Lazy loading is thread-safe: 8 threads calling words() first thing get identical tokens."""
    code = ("from concurrent.futures import ThreadPoolExecutor\n"
            "from searchapp.analysis import tokenizer as T\n"
            "t = '北京清华大学的网络安全研究中心发布了２０２０年报告' * 20\n"
            "with ThreadPoolExecutor(8) as ex:\n"
            "    res = list(ex.map(lambda _: T.words(t), range(32)))\n"
            "assert all(r == res[0] for r in res) and res[0]\n"
            "print('ok')")
    _run_ok(code, tmp_path)
