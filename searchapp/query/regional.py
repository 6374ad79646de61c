"""Taiwan and Hong Kong wordings of a query word, searched as mainland wordings too.

    wordings(word) -> [str]      the mainland wording of a traditional-script word ([]: none)

Folding traditional script to simplified (`analysis.text.to_simplified`, OpenCC `t2s`) makes
`網絡` find `网络`, but a Taiwan or Hong Kong reader also *words* things differently: `數位經濟`
folds to `数位经济`, while mainland articles say `数字经济`. OpenCC's regional phrase tables say
which words differ: `TWPhrasesRev` (the phrases of its `tw2sp` conversion: 數位→数字, 軟體→软件,
網路→网络, 資訊→信息, 伺服器→服务器 …) and `HKPhrasesRev` (those of `hk2sp`: 硬碟→硬盘,
寬頻→宽带 …). `wordings` converts a word with both tables (at each place the longest phrase of
either, Taiwan's first) and then t2s, and returns the result where it differs from plain t2s. It adds nothing (precision first):

- for a word with no traditional character (t2s leaves it as typed): it is read as mainland
  text, where `程序`, `文件`, `影片`, `智慧` are words of their own (`程序` must not become
  `进程`); the starter list (`query/data/synonyms.txt`) holds the few such pairs worth having;
- when the word holds a phrase of the table that is written alike in both scripts (the table
  converts the word's own t2s form too: `程序設計` would become `进程设计`, `智慧型手機`
  `智能型手机`): such a phrase is not a sign of the other wording;
- from OpenCC's variant-character tables (`TWVariantsRev`: 著→着), which are spelling, not
  wording (`專著` must stay `专著`).

The results are variants like the thesaurus's (`query.synonyms.variants` puts them first), so a
search lists them as `也搜索了：…` / `also_searched` and `thesaurus=off` turns them off.
OpenCC's tables load on the first traditional word (a few ms); when they cannot be loaded the
search goes on without regional wordings and the failure is logged once.
"""
from __future__ import annotations

import functools
import json
import logging
import os
import tempfile
from pathlib import Path

from searchapp.analysis.text import to_simplified

__all__ = ["wordings", "TABLES"]

log = logging.getLogger(__name__)

#: OpenCC's regional phrase tables (traditional regional wording → mainland wording, still in
#: traditional script); where both hold a phrase, the first one's conversion is used.
TABLES = ("TWPhrasesRev", "HKPhrasesRev")


def _share_dir() -> Path:
    import opencc  # deferred: OpenCC loads on the first traditional word, never at import time

    return Path(opencc.__file__).parent / "clib" / "share" / "opencc"


def _config(share: Path) -> dict:
    """An OpenCC conversion: the phrases of `TABLES`, then OpenCC's own t2s tables, segmented
    as t2s segments (mmseg over TSPhrases). `share`: the folder of OpenCC's .ocd2 tables."""
    def d(name: str) -> dict:
        return {"type": "ocd2", "file": str(share / f"{name}.ocd2")}

    return {"name": "regional phrases then t2s",
            "segmentation": {"type": "mmseg", "dict": d("TSPhrases")},
            "conversion_chain": [
                {"dict": {"type": "group", "match_policy": "short_circuit",
                          "dicts": [d(t) for t in TABLES]}},
                {"dict": {"type": "group", "match_policy": "short_circuit",
                          "dicts": [d("TSPhrases"), d("TSCharacters")]}}]}


@functools.lru_cache(maxsize=1)
def _converter():
    """The OpenCC converter of `_config`, or None when it cannot be built (logged once)."""
    try:
        import opencc  # deferred: as in _share_dir

        fd, path = tempfile.mkstemp(suffix=".json", prefix="searchapp-opencc-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(_config(_share_dir()), f)
            return opencc.OpenCC(path)
        finally:
            os.unlink(path)
    except Exception as e:  # a missing table or an OpenCC without it: no regional wordings
        log.warning("OpenCC regional tables %s unavailable, no regional wordings: %s",
                    "/".join(TABLES), e)
        return None


@functools.lru_cache(maxsize=16384)
def wordings(word: str) -> tuple[str, ...]:
    """The mainland wording of `word` (str, as typed) in simplified script, as a 1-tuple, when
    it differs from `to_simplified(word)`; () when it does not, when the word holds no
    traditional character or holds a phrase written alike in both scripts (module docstring),
    or when OpenCC's tables cannot be loaded. Never raises."""
    simple = to_simplified(word)
    if not word or simple == word:
        return ()
    conv = _converter()
    if conv is None:
        return ()
    got = conv.convert(word)
    return (got,) if got != simple and conv.convert(simple) == simple else ()
