"""A wheel built with `pip wheel .` and installed (not editable) into a fresh virtualenv serves
the UI from any working directory: templates, static files and data files are package data.
Slow: builds the wheel and installs its dependencies from PyPI (pip's cache makes reruns
quicker)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from helpers import CORPUS, ROOT, fetch_when_up, free_port

pytestmark = pytest.mark.slow


def _run(cmd, cwd, timeout=900):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                       env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    assert p.returncode == 0, (cmd, p.stdout[-2000:], p.stderr[-2000:])
    return p.stdout


def test_installed_wheel_serves_the_ui_from_another_folder(tmp_path):
    src = tmp_path / "src"  # a clean copy: the package and its build files, nothing else
    shutil.copytree(ROOT / "searchapp", src / "searchapp",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q", "-w", str(wheels)],
         cwd=tmp_path)
    wheel = next(wheels.glob("searchapp-*.whl"))
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    _run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], cwd=tmp_path, timeout=1800)
    here = tmp_path / "elsewhere"
    here.mkdir()
    where = _run([str(venv / "bin" / "python"), "-c", "import searchapp; print(searchapp.__file__)"],
                 cwd=here)
    assert where.startswith(str(venv)), where  # the installed copy, not the checkout
    shutil.copytree(CORPUS, here / "corpus")
    _run([str(venv / "bin" / "searchapp"), "index", "corpus", "--index", str(tmp_path / "ix")],
         cwd=here)
    other = tmp_path / "other"
    other.mkdir()
    port = free_port()
    server = subprocess.Popen([str(venv / "bin" / "searchapp"), "serve", "--port", str(port),
                               "--index", str(tmp_path / "ix"), "--threads", "2"],
                              cwd=other, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        status, headers, body = fetch_when_up(f"http://127.0.0.1:{port}/search?q=5G", server)
        page = body.decode("utf-8")
        assert status == 200 and headers.get_content_type() == "text/html"
        assert '<li class="hit">' in page and "<mark>5G</mark>" in page
        status, _, css = fetch_when_up(f"http://127.0.0.1:{port}/static/style.css", server)
        assert status == 200 and css
    finally:
        server.terminate()
        server.wait(timeout=10)
