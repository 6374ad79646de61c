"""Decide what a build must do: which files to read, which articles to write and delete.

    make_plan(paths, index_dir, live, rebuild, say) -> BuildPlan

Rules (docs/index.md):
- A file is re-read when it is new, or its sha256 differs from the live manifest's (size and
  mtime_ns equal to the manifest's are trusted to mean "same content", as git does).
- A file in the live manifest that lies under one of the given paths (the path itself, or a
  folder containing it) but is no longer found there is removed with its articles. Files indexed
  from other paths are kept. A given path that does not exist is reported and removes nothing.
- Article ids are unique: an id already taken (by a kept file, or earlier in this build) is
  reported as a problem and skipped, so nothing is ever duplicated. The skipped ids are recorded
  in the file's manifest entry (`skipped`); whenever any file is re-read or removed, such unchanged
  files are read again (after the changed ones, their own earlier ids still reserved to them), so
  an article skipped for a clash comes back once the clashing file changes or disappears. When
  nothing changed the build stays a no-op without reading anything.
- Near-duplicates are marked over the whole corpus (`analysis.dedupe.mark_duplicates`), so a
  kept article whose `duplicate_of` changes is re-written too.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from searchapp import engine
from searchapp.analysis.dedupe import mark_duplicates
from searchapp.index.fingerprint import fingerprint as code_fingerprint
from searchapp.index.store import MANIFEST_FORMAT, file_sha256, gen_number, read_manifest
from searchapp.ingest import IngestError, discover, read_file
from searchapp.model import Article


@dataclass
class BuildPlan:
    """The outcome of planning (see module docstring); `write`/`delete` drive the Whoosh writer."""

    full: bool
    manifest: dict[str, Any]
    n_files: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    read: list[str] = field(default_factory=list)
    removed_files: list[str] = field(default_factory=list)
    write: list[Article] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    noop: bool = False
    stat_refresh: bool = False
    live_generation: int = 0
    old_ids: set[str] = field(default_factory=set)


def article_hash(a: Article) -> str:
    """sha1 hex of the Article's JSON (all fields, sorted keys): equal hash = same document."""
    # a shallow dict gives the same JSON as `a.to_dict()` (dataclasses.asdict deep-copies
    # every nested value first: ~20% of a build's planning time)
    shallow = {f.name: getattr(a, f.name) for f in dataclasses.fields(a)}
    raw = json.dumps(shallow, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def _problem(file: Any, reason: str, line: int | None = None) -> dict[str, Any]:
    return {"file": str(file), "line": line, "reason": reason}


def _under(key: str, roots: list[str]) -> bool:
    return any(key == r or key.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def _read(path: Path) -> tuple[list[Article], list[dict[str, Any]]]:
    """Articles and problems of one file; never raises."""
    try:
        rr = read_file(path)
    except IngestError as e:
        return [], [_problem(path, e.reason)]
    except Exception as e:  # noqa: BLE001 - one broken file must never stop the others
        return [], [_problem(path, f"unexpected error while reading: {type(e).__name__}: {e}")]
    probs = [p.to_dict() if hasattr(p, "to_dict") else dict(p) for p in rr.problems]
    return list(rr.articles), probs


def _had_clash(entry: dict[str, Any]) -> bool:
    """True if this manifest file entry had articles skipped because their id was taken
    (`skipped`; manifests written before it existed: an "already read from" problem)."""
    if entry.get("skipped"):
        return True
    return "skipped" not in entry and any("already read from" in str(p.get("reason", ""))
                                          for p in entry.get("problems", []))


def _mark_duplicates(articles: list[Article], warnings: list[str]) -> None:
    saved = [a.duplicate_of for a in articles]
    for a in articles:
        a.duplicate_of = None
    try:
        mark_duplicates(articles)
    except Exception as e:  # noqa: BLE001 - dedupe is an extra; never lose the build for it
        for a, dup in zip(articles, saved):
            a.duplicate_of = dup
        warnings.append(f"near-duplicate marking skipped: {type(e).__name__}: {e}")


def make_plan(paths: list[Path], index_dir: Path, live: str | None, rebuild: bool,
              say: Callable[..., None]) -> BuildPlan:
    """Scan the inputs against the live manifest and read what changed (see module docstring)."""
    old = read_manifest(index_dir / live) if live else None
    fingerprint = code_fingerprint()
    full = rebuild or old is None or old.get("fingerprint") != fingerprint
    old_files: dict[str, Any] = (old or {}).get("files", {})
    old_articles: dict[str, str] = (old or {}).get("articles", {})
    plan = BuildPlan(full=full, manifest={"format": MANIFEST_FORMAT, "fingerprint": fingerprint,
                                          "schema": engine.schema_signature(),
                                          "files": {}, "articles": {}},
                live_generation=gen_number(live) if live else 0, old_ids=set(old_articles))
    roots: list[Path] = []
    for p in paths:
        if p.exists():
            roots.append(p)
        else:
            plan.problems.append(_problem(p, "no such file or folder"))
    if not roots and old is not None:
        # Nothing given exists (a typo?): never empty a working index for that.
        plan.noop = True
        plan.manifest = old
        plan.unchanged = len(old_articles)
        plan.warnings.append("none of the given paths exists; the index was left as it was")
        return plan
    if full and not rebuild and old is not None:
        # The indexing code changed: re-read earlier files from other paths too, if still there.
        given = [os.path.realpath(r) for r in roots]
        roots += [Path(k) for k in old_files if Path(k).is_file() and not _under(k, given)]
    try:
        found = discover(roots) if roots else []
    except IngestError as e:
        plan.problems.append(_problem(e.file or "?", e.reason))
        found = []
    root_keys = [os.path.realpath(r) for r in roots]

    # 1. scan: which files changed (hash), which disappeared
    seen: dict[str, Path] = {}
    to_read: list[tuple[str, Path, dict[str, Any]]] = []
    for f in found:
        key = os.path.realpath(f)
        if key in seen:
            continue
        seen[key] = f
        try:
            st = f.stat()
            prev = old_files.get(key)
            if prev and prev.get("size") == st.st_size and prev.get("mtime_ns") == st.st_mtime_ns:
                digest = prev["hash"]
            else:
                digest = file_sha256(f)
        except OSError as e:
            plan.problems.append(_problem(f, f"cannot read: {e.strerror or e}"))
            continue
        entry = {"hash": digest, "size": st.st_size, "mtime_ns": st.st_mtime_ns}
        if full or prev is None or prev.get("hash") != digest:
            to_read.append((key, f, entry))
        else:
            if prev.get("size") != st.st_size or prev.get("mtime_ns") != st.st_mtime_ns:
                plan.stat_refresh = True
            plan.manifest["files"][key] = {**prev, **entry}
    plan.n_files = len(seen)
    if not full:
        for key, prev in old_files.items():
            if key in seen:
                continue
            if _under(key, root_keys):
                plan.removed_files.append(key)
            else:
                plan.manifest["files"][key] = prev  # indexed from another path: kept
    reread: list[tuple[str, Path, dict[str, Any]]] = []
    reserved: dict[str, str] = {}
    if not full and (to_read or plan.removed_files):
        # Files with articles skipped for an id clash: the clash may be gone now, read them again.
        for key, prev in list(plan.manifest["files"].items()):
            if not _had_clash(prev):
                continue
            f = seen.get(key) or Path(key)
            if not f.is_file():
                continue
            del plan.manifest["files"][key]
            reread.append((key, f, {k: prev[k] for k in ("hash", "size", "mtime_ns") if k in prev}))
            for aid in prev.get("ids", []):
                reserved.setdefault(aid, key)
    kept_files = dict(plan.manifest["files"])
    for key, prev in kept_files.items():  # earlier problems of the files asked about, again
        if _under(key, root_keys):
            plan.problems.extend(prev.get("problems", []))
    if not full and not to_read and not plan.removed_files:
        plan.noop = True
        plan.manifest = {**old, "files": {**old_files, **plan.manifest["files"]}}
        plan.unchanged = len(old_articles)
        return plan

    # 2. read the new and changed files; ids of kept files come first
    owner: dict[str, str] = {}
    for key, prev in kept_files.items():
        for aid in prev.get("ids", []):
            owner.setdefault(aid, key)
    for aid, key in reserved.items():
        owner.setdefault(aid, key)
    fresh: list[Article] = []
    to_read += reread
    for i, (key, f, entry) in enumerate(to_read, 1):
        say(f"reading {i}/{len(to_read)}: {f}", i, len(to_read))
        arts, probs = _read(f)
        ids: list[str] = []
        own: set[str] = set()
        skipped: list[str] = []
        for a in arts:
            if a.id in own or (a.id in owner and owner[a.id] != key):
                other = seen.get(owner[a.id], owner[a.id])
                probs.append(_problem(f, f"article id {a.id} ({a.title[:40]!r}) already read from "
                                         f"{other}; skipped", (a.origin or {}).get("line_start")))
                skipped.append(a.id)
                continue
            owner[a.id] = key
            own.add(a.id)
            ids.append(a.id)
            fresh.append(a)
        plan.read.append(str(f))
        plan.problems.extend(probs)
        plan.manifest["files"][key] = {**entry, "ids": ids, "problems": probs, "skipped": skipped}

    # 3. near-duplicates over the whole corpus; kept articles come back from the live index
    kept_ids = {aid for aid, k in owner.items() if k in kept_files}
    kept: list[Article] = engine.read_articles(index_dir / live, kept_ids) if kept_ids else []
    before = {a.id: a.duplicate_of for a in kept}
    # The order a full build would see (files by path, articles in file order), so ties in
    # choosing a group's representative come out the same in full and incremental builds.
    by_id = {a.id: a for a in kept + fresh}
    files = plan.manifest["files"]
    ordered = [by_id[i] for k in sorted(files) for i in files[k].get("ids", []) if i in by_id]
    _mark_duplicates(ordered, plan.warnings)
    kept = [a for a in kept if a.duplicate_of != before[a.id]]

    # 4. what to write and delete, and the counts
    arts = plan.manifest["articles"]
    for aid in kept_ids:
        arts[aid] = old_articles.get(aid, "")
    for a in kept:  # kept articles whose duplicate mark changed
        arts[a.id] = article_hash(a)
        plan.write.append(a)
    plan.updated += len(kept)
    for a in fresh:
        h = arts[a.id] = article_hash(a)
        if full or old_articles.get(a.id) != h:
            plan.write.append(a)
        if a.id not in old_articles:
            plan.added += 1
        elif old_articles[a.id] != h:
            plan.updated += 1
    plan.removed = len(set(old_articles) - set(arts))
    plan.unchanged = len(arts) - plan.added - plan.updated
    if not full:
        rewritten = {a.id for a in plan.write}
        plan.delete = sorted((set(old_articles) - set(arts)) | (rewritten & set(old_articles)))
    return plan
