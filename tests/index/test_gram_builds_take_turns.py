"""A parallel build's writers build their segments' gram indexes in turn, not at the same time
(engine/store/turns.py): overlapping, the two largest buffers of the build added up. Their
posting arrays, small buffers, are written at the same time (the turn is not held for them)."""
from __future__ import annotations

import os
import time

import pytest

from helpers import write_jsonl
from searchapp.engine.store import postarrays, segtext
from searchapp.index import build
from searchapp.index.store import read_current

pytestmark = pytest.mark.slow

#: How long a writer that reached its gram-index build waits for the other to reach its own, s.
WAIT_S = 5.0
#: How long each patched gram-index build lasts, s.
HOLD_S = 1.0


def _writers_spans(tmp_path, monkeypatch, module) -> list[tuple[float, float, str]]:
    """Build 40 articles with two writers, `module.write_segment` patched to wait (up to
    WAIT_S) for the other writer to reach it and then hold HOLD_S: each writer's (start, end,
    pid) of that step, sorted by start (monotonic seconds)."""
    docs = [{"id": f"t{i}", "title": f"新闻{i}", "body": f"今天的第{i}条消息，天气晴朗。",
             "date": "1998-01-05", "source": "测试报"} for i in range(40)]
    src = write_jsonl(tmp_path / "a.jsonl", docs)
    marks, log = tmp_path / "arrived", tmp_path / "spans"
    marks.mkdir()
    real = module.write_segment

    def write_segment(*args, **kwargs):  # runs in each writer (the child is forked after this)
        (marks / str(os.getpid())).touch()
        waited = time.monotonic()  # both writers here at once: they would overlap
        while len(list(marks.iterdir())) < 2 and time.monotonic() - waited < WAIT_S:
            time.sleep(0.02)
        start = time.monotonic()
        time.sleep(HOLD_S)
        out = real(*args, **kwargs)
        with open(log, "a") as f:
            f.write(f"{os.getpid()} {start} {time.monotonic()}\n")
        return out

    monkeypatch.setattr(module, "write_segment", write_segment)
    report = build([src], tmp_path / "ix", workers=2)
    assert report.articles == 40 and read_current(tmp_path / "ix")
    spans = sorted((float(a), float(b), pid) for pid, a, b in
                   (line.split() for line in log.read_text().splitlines()))
    assert len({pid for _, _, pid in spans}) == 2, spans  # both writers reached the step
    return spans


def test_two_writers_build_their_gram_indexes_in_turn(tmp_path, monkeypatch):
    (_, end1, _), (start2, _, _) = spans = _writers_spans(tmp_path, monkeypatch, segtext)
    assert start2 >= end1, spans  # the second began after the first ended


def test_two_writers_write_their_posting_arrays_at_the_same_time(tmp_path, monkeypatch):
    """Only the gram build takes turns: the posting arrays (one list at a time in memory) of
    both writers are written at once, so the second writer does not wait for the first's."""
    (_, end1, _), (start2, _, _) = spans = _writers_spans(tmp_path, monkeypatch, postarrays)
    assert start2 < end1, spans  # at the same time: the second did not wait for the turn
