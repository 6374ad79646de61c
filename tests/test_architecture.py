"""The layout is the architecture (docs/ARCHITECTURE.md): imports flow one way, from the
surfaces down to the shared contracts; only searchapp.engine imports Whoosh, and other packages
reach it through its public face; there are no import cycles, no imports hidden inside functions
(except deliberately deferred heavy imports, commented as such) and no `except ImportError`
around our own modules. Read from the source's syntax trees, so nothing is imported here."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers import import_graph

PACKAGE = Path(__file__).resolve().parent.parent / "searchapp"

#: Top first. A module may import its own group (package, or the contracts together) and any
#: group of a later layer, never an earlier one or another group of its own layer.
LAYERS = [
    {"__main__"},
    {"cli"},
    {"web"},
    {"bulk"},
    {"cite"},
    {"search", "index"},
    {"engine"},
    {"query", "ingest"},
    {"archive"},
    {"request"},
    {"vocab"},
    {"analysis"},
    {"model", "results", "messages", "errors", "config", "csvsafe", "cache", "dates", "sortedsets",
     "startup",
     "__init__"},
]
CONTRACTS = LAYERS[-1]


def _group(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer(group: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if group in layer)


GRAPH = import_graph(PACKAGE)


def _files():
    for p in sorted(PACKAGE.rglob("*.py")):
        yield p, ast.parse(p.read_text(encoding="utf-8"))


def test_every_package_has_a_layer():
    assert {_group(m) for m in GRAPH} <= set().union(*LAYERS)


def test_imports_flow_down_the_layers():
    bad = []
    for mod, deps in GRAPH.items():
        g = _group(mod)
        for dep in deps:
            d = _group(dep)
            same = d == g or (g in CONTRACTS and d in CONTRACTS)
            if not same and _layer(d) <= _layer(g):
                bad.append(f"{mod} -> {dep}")
    assert bad == []


def test_nothing_below_imports_web_or_cli():
    assert [f"{m} -> {d}" for m, ds in GRAPH.items() for d in ds
            if _group(d) in ("web", "cli") and _group(m) not in ("web", "cli", "__main__")] == []


def test_no_import_cycles():
    """Tarjan's strongly connected components over the module graph: every one is a single
    module (no cycle, however long)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in GRAPH.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    assert cycles == []


@pytest.mark.slow
def test_only_the_engine_imports_whoosh():
    bad = []
    for p, tree in _files():
        rel = p.relative_to(PACKAGE).as_posix()
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] == "whoosh" for n in names) and not rel.startswith("engine/"):
                bad.append(f"{rel}:{node.lineno}")
    assert bad == []


def test_other_packages_use_the_engine_door():
    """Outside searchapp/engine only `searchapp.engine` itself is imported, never a module
    inside it (its face is the interface: docs/ARCHITECTURE.md)."""
    assert [f"{m} -> {d}" for m, ds in GRAPH.items() for d in ds
            if d.startswith("searchapp.engine.") and _group(m) != "engine"] == []


def _function_imports(tree: ast.AST):
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(fn):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    yield node


def _commented_deferral(lines: list[str], lineno: int) -> bool:
    """The import on line `lineno` (1-based), or a comment in the run of imports and comments
    right above it, says "deferred"."""
    i = lineno - 1
    while i >= 0:
        line = lines[i].strip()
        if "deferred" in line:
            return True
        if i < lineno - 1 and not line.startswith(("#", "import ", "from ")):
            return False
        i -= 1
    return False


@pytest.mark.slow
def test_imports_inside_functions_are_commented_deferrals():
    """An import inside a function is allowed only to defer a heavy import for start-up time,
    and says so in a comment ("deferred: ...") on its line or just above its group."""
    bad = []
    for p, tree in _files():
        lines = p.read_text(encoding="utf-8").splitlines()
        bad += [f"{p.relative_to(PACKAGE)}:{node.lineno}" for node in _function_imports(tree)
                if not _commented_deferral(lines, node.lineno)]
    assert bad == []


@pytest.mark.slow
def test_no_import_error_guard_around_our_modules():
    bad = []
    for p, tree in _files():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Try):
                continue
            catches = {n.id for h in node.handlers for n in ast.walk(h.type or ast.Name("BaseException"))
                       if isinstance(n, ast.Name)}
            if not catches & {"ImportError", "ModuleNotFoundError"}:
                continue
            ours = [n for b in node.body for n in ast.walk(b)
                    if (isinstance(n, ast.ImportFrom) and (n.level or (n.module or "").startswith("searchapp")))
                    or (isinstance(n, ast.Import) and any(a.name.startswith("searchapp") for a in n.names))]
            if ours:
                bad.append(f"{p.relative_to(PACKAGE)}:{node.lineno}")
    assert bad == []


SEARCH_PATH_PROBE = """
import sys
from searchapp.cli import main
from searchapp.web import create_app
from searchapp.index import open_index
from searchapp.request import SearchRequest
from searchapp.search import search
with open_index(sys.argv[1]) as h:
    search(h, SearchRequest(q="网络安全", snippets=True))
app = create_app({"TESTING": True, "INDEX_DIR": sys.argv[1]})
assert app.test_client().get("/search?q=5G").status_code == 200
print(" ".join(sorted(m for m in sys.modules if m.startswith("searchapp.ingest") or m == "bs4")))
"""


@pytest.mark.slow
def test_a_search_loads_none_of_the_readers(corpus_index):
    """Start-up time of `serve` and `search`: answering a query (CLI, library or web) never
    imports the ingest readers (BeautifulSoup, the magazine, HTML and PDF readers: about a fifth
    of a cold start); the bulk door defers its one use of them (decoding input lines)."""
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-c", SEARCH_PATH_PROBE, str(corpus_index)],
                       capture_output=True, text=True, timeout=300, cwd=PACKAGE.parent)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split() == [], r.stdout
