"""`make run` says what it is about to do and where it will serve before the first slow step
(installing takes a minute or two the first time), and names each step as it starts; `make test`
installs axe-core from the lock file before the tests (issue 18, set-up friction)."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from helpers import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(*args: str, env: dict[str, str] | None = None) -> list[str]:
    """The commands `make -n ARGS` would run, as on a fresh clone (pyproject.toml and the npm
    lock file pretended newer than what is installed, so the install steps are listed too)."""
    # run under `make test` too: the outer make's MAKEFLAGS/MAKELEVEL would add "Entering
    # directory" lines, so the inner make starts clean and prints no directory
    clean = {k: v for k, v in os.environ.items()
             if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "SEARCHAPP_INDEX")}
    out = subprocess.run(["make", "--no-print-directory", "-n", "-W", "pyproject.toml", "-W",
                          "package-lock.json", *args],
                         cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**clean, **(env or {})}).stdout
    return [ln for ln in out.splitlines() if ln.strip()]


def test_make_run_names_the_url_and_the_index_first_and_each_step():
    lines = dry_run("run", "PORT=5099")
    ix = str(ROOT.resolve() / "index")
    assert "serve on http://127.0.0.1:5099/" in lines[0] and f"into {ix}," in lines[0], lines[:3]
    pip = next(i for i, ln in enumerate(lines) if "pip install" in ln and "-e " in ln)
    assert "--quiet" not in lines[pip] and " -q" not in lines[pip]  # pip shows its progress
    index = next(i for i, ln in enumerate(lines) if "searchapp index" in ln)
    serve = next(i for i, ln in enumerate(lines) if "searchapp serve" in ln)
    assert any("installing searchapp" in ln for ln in lines[:pip])
    assert f"indexing corpus/ into {ix}" in lines[index - 1]
    assert f"serving {ix} on http://127.0.0.1:5099/" in lines[serve - 1]
    assert f'--index "{ix}"' in lines[index] and f'--index "{ix}"' in lines[serve]


def test_make_run_uses_and_names_the_index_of_searchapp_index(tmp_path):
    """SEARCHAPP_INDEX (what every command reads) is the folder make run builds and serves and
    names, absolutely, as the CLI does (docs/cli.md, "Where the index is")."""
    lines = dry_run("run", env={"SEARCHAPP_INDEX": "some/where"})
    ix = str(ROOT.resolve() / "some" / "where")
    assert f"into {ix}," in lines[0], lines[0]
    assert sum(f'--index "{ix}"' in ln for ln in lines) == 2, lines


def test_make_test_installs_axe_core_from_the_lock_file_before_the_tests():
    lines = dry_run("test")
    npm = next(i for i, ln in enumerate(lines) if "npm ci" in ln)
    pytest_at = next(i for i, ln in enumerate(lines) if "pytest" in ln)
    assert npm < pytest_at
    assert (ROOT / "package-lock.json").is_file() and "node_modules" in \
        (ROOT / ".gitignore").read_text()
