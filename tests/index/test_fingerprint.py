"""What the index stores decides when users rebuild: the fingerprint covers the packages that
shape stored data (ingest, analysis, vocab, engine/store, model) and nothing else, so a change
to query-time engine code, search, query (synonyms), the web or the CLI keeps the index and a
change to analysis, vocabulary, schema or a reader forces a rebuild. Shown on a copy of the
package with one file changed at a time."""
from __future__ import annotations

import shutil

import pytest

from helpers import import_graph
from searchapp.index.fingerprint import PACKAGE, STORED_DATA, fingerprint, stored_data_files


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    d = tmp_path_factory.mktemp("pkg") / "searchapp"
    shutil.copytree(PACKAGE, d, ignore=shutil.ignore_patterns("__pycache__"))
    return d


def _changed(copy, rel: str) -> str:
    """The copy's fingerprint with `rel` (a file, changed by an appended line, or created)."""
    p = copy / rel
    old = p.read_bytes() if p.exists() else None
    try:
        p.write_bytes((old or b"") + b"\n# changed\n")
        fingerprint.cache_clear()
        return fingerprint(copy)
    finally:
        if old is None:
            p.unlink()
        else:
            p.write_bytes(old)
        fingerprint.cache_clear()


def test_a_copy_of_the_package_has_the_same_fingerprint(copy):
    assert fingerprint(copy) == fingerprint(PACKAGE)


@pytest.mark.parametrize("rel", [
    "engine/match/arrays.py", "engine/match/postings.py", "engine/match/literal.py",
    "engine/match/bm25.py", "engine/build.py", "engine/reader.py", "engine/documents.py",
    "search/searching.py", "search/ordering.py", "search/new_module.py", "query/parser.py",
    "query/synonyms.py", "query/data/synonyms.txt", "index/plan.py", "web/pages.py",
    "cli/search.py", "bulk/run.py", "messages/catalogue.py", "request/search_request.py", "cache.py"])
def test_query_time_changes_keep_the_index(copy, rel):
    assert (copy / rel).exists() or rel.endswith("new_module.py")
    assert _changed(copy, rel) == fingerprint(copy), rel


@pytest.mark.parametrize("rel", [
    "analysis/analyzer.py", "analysis/text.py", "analysis/tokenizer.py", "analysis/literal.py",
    "analysis/dedupe.py", "analysis/new_module.py", "vocab/topics.py", "vocab/data/userdict.txt",
    "vocab/data/topics.toml", "vocab/data/sources.toml", "engine/store/schema.py",
    "engine/store/analyzer.py", "ingest/jsonl.py", "ingest/magazine.py", "model.py", "dates.py"])
def test_changes_to_what_is_stored_force_a_rebuild(copy, rel):
    assert _changed(copy, rel) != fingerprint(copy), rel


@pytest.mark.slow
def test_document_producing_code_imports_only_fingerprinted_modules():
    """Everything ingest, analysis and engine/store import (transitively) is inside STORED_DATA,
    apart from contracts without behaviour that could shape a document (errors, config paths):
    a reader that started using a query-time module would otherwise escape the fingerprint."""
    graph = import_graph(PACKAGE)
    covered = {".".join(("searchapp", *p.relative_to(PACKAGE).with_suffix("").parts))
               .removesuffix(".__init__") for p in stored_data_files(PACKAGE) if p.suffix == ".py"}
    todo = [m for m in graph if m.startswith(("searchapp.ingest", "searchapp.analysis",
                                               "searchapp.engine.store"))]
    seen: set[str] = set()
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            todo += graph[m]
    outside = seen - covered - {"searchapp.errors", "searchapp.config"}
    assert outside == set(), outside
    assert {"searchapp.model", "searchapp.vocab.topics", "searchapp.analysis.tokenizer"} <= seen
    assert all((PACKAGE / rel).exists() for rel in STORED_DATA)
