"""Start-up without garbage collection (`searchapp/startup.py`): importing the CLI and a server's
loading before it listens run no collection (what they load is kept for the process's life, so
a collection there scans ever more objects and frees next to nothing), and collection is on
again afterwards."""
from __future__ import annotations

import gc
import os
import subprocess
import sys

import pytest

from searchapp.startup import collection_paused

COUNTING = """
import gc, sys
passes = []
gc.callbacks.append(lambda phase, info: passes.append(info["generation"]) if phase == "stop" else None)
"""

IMPORT_PROBE = COUNTING + """
import searchapp.startup  # what runs before the pause can begin
before = len(passes)
import searchapp.cli
print("passes", len(passes) - before, "enabled", gc.isenabled())
"""

SERVE_PROBE = COUNTING + """
import searchapp.web as web
from searchapp.cli import main

def listen(app, host, port, threads):  # instead of waitress: the state it would listen in
    print("passes", len(passes) - before, "enabled", gc.isenabled(), "frozen",
          gc.get_freeze_count())
    r = app.test_client().get("/search?q=%E7%BD%91%E7%BB%9C")
    print("status", r.status_code)

web.serve = listen
before = len(passes)  # from here: serve's own loading (this probe imported the web app above)
main(["serve", "--index", sys.argv[1], "--port", "0"], standalone_mode=False)
"""


def _run(code: str, *args: str, env: dict | None = None) -> str:
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                       timeout=300, env={**os.environ, **(env or {})})
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.mark.slow
def test_importing_the_cli_runs_no_collection():
    out = _run(IMPORT_PROBE).split()
    # reading the CLI package's own first lines may run a pass before the pause (it ran ~90)
    assert out[0] == "passes" and int(out[1]) <= 2 and out[2:] == ["enabled", "True"], out


@pytest.mark.slow
def test_serve_loads_without_collections_then_collects(corpus_index, tmp_path):
    out = _run(SERVE_PROBE, str(corpus_index), env={"SEARCHAPP_CACHE": str(tmp_path)})
    assert "passes 0 enabled True frozen 0" in out and "status 200" in out, out


def test_collection_paused_resumes_only_what_was_on():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with collection_paused():
            assert not gc.isenabled()
            raise ValueError("resumes on an exception too")
    assert gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()  # it was off: left off
    finally:
        gc.enable()
