"""Writer processes forked by `engine/store/standby.py`: a Ctrl-C that reaches the building
process while it forks one is not lost (Python runs fork's handlers, e.g. logging's lock
release, in the parent, and a KeyboardInterrupt raised inside one is printed and dropped: the
build went on and switched in a new generation, `test_build_faults`'s Ctrl-C test saw it)."""
from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from helpers import ROOT

pytestmark = pytest.mark.slow  # a fresh interpreter

PROBE = """
import os, signal
from searchapp.engine.store.standby import standby
sent = []
def ctrl_c_now():  # Ctrl-C arrives while the process forks
    if not sent:
        sent.append(1)
        os.kill(os.getpid(), signal.SIGINT)
os.register_at_fork(before=ctrl_c_now)
try:
    with standby(1) as ready:
        pass
    print("not interrupted")
except KeyboardInterrupt:
    print("interrupted")
"""


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # a suite run in the background ignores it


def test_a_ctrl_c_during_the_fork_of_a_writer_interrupts_the_build():
    r = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT,
                       timeout=120, preexec_fn=_interruptible)
    assert r.stdout.strip() == "interrupted", (r.stdout, r.stderr)
    assert "Exception ignored" not in r.stderr, r.stderr
