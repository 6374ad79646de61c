"""`--wait` gives up after its timeout with a one-line "still busy" error instead of waiting
forever for a build that may never finish (issue 16 item 12)."""
from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from searchapp.errors import IndexBusy
from searchapp.index import build
from searchapp.index.lock import writer_lock

from helpers import write_jsonl_corpus

HOLD = """
import sys, time
from searchapp.index.lock import writer_lock
with writer_lock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(60)
"""


@pytest.mark.slow
def test_waiting_in_the_same_process_gives_up_after_the_timeout(tmp_path):
    write_jsonl_corpus(tmp_path / "c", "k", 1, 3)
    held, done = threading.Event(), threading.Event()

    def hold():
        with writer_lock(tmp_path / "ix"):
            held.set()
            done.wait(30)

    t = threading.Thread(target=hold)
    t.start()
    try:
        held.wait(10)
        t0 = time.monotonic()
        with pytest.raises(IndexBusy) as e:
            build([tmp_path / "c"], tmp_path / "ix", wait=True, wait_timeout=1)
        assert 0.9 <= time.monotonic() - t0 < 10
        assert "still busy after" in e.value.message
    finally:
        done.set()
        t.join()


@pytest.mark.slow
def test_cli_wait_timeout_against_another_process(tmp_path):
    write_jsonl_corpus(tmp_path / "c", "k", 1, 3)
    ix = tmp_path / "ix"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(ix)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        t0 = time.monotonic()
        r = subprocess.run([sys.executable, "-m", "searchapp", "index", str(tmp_path / "c"),
                            "--index", str(ix), "--wait", "--timeout", "1"],
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 2 and "still busy after" in r.stderr, r.stderr
        assert time.monotonic() - t0 < 60
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
