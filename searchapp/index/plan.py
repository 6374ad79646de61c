"""Decide what a build must do: which files to read, which articles to write and delete.

    make_plan(paths, index_dir, live, rebuild, say) -> BuildPlan

Rules (docs/index.md):
- A file is re-read when it is new, or its sha256 differs from the live manifest's (size and
  mtime_ns equal to the manifest's are trusted to mean "same content", as git does).
- A file in the live manifest that lies under one of the given paths (the path itself, or a
  folder containing it) but is no longer found there is removed with its articles. A file
  indexed before that is still there but cannot be read now (emptied, garbled, unreadable)
  keeps its earlier articles, with a problem saying so (`index/unreadable.py`). Files indexed
  from other paths are kept. A given path that does not exist is reported and removes nothing.
- Article ids are unique: an id already taken (by a kept file, or earlier in this build) is
  reported as a problem and skipped, so nothing is ever duplicated. The skipped ids are recorded
  in the file's manifest entry (`skipped`); whenever any file is re-read or removed, such unchanged
  files are read again (after the changed ones, their own earlier ids still reserved to them), so
  an article skipped for a clash comes back once the clashing file changes or disappears. When
  nothing changed the build stays a no-op without reading anything.
- Reading options (`ingest.ReadOptions`: `--map`, `--title`) given for the paths are recorded
  per file (`read_options`); a file is read again when other options are given, and keeps its
  own when none are (a later `searchapp index .` does not drop a table indexed with `--map`),
  also when it is re-read for a code change. The readers' sanity warnings are recorded per file
  and reported again, like problems. The publication sidecar (`publication.toml`,
  `index/masthead.py`) of a file's folder is recorded the same way: naming, renaming or
  un-naming a publication re-reads its files; a sidecar that cannot be used is a problem and
  the files keep the name they were read with.
- Near-duplicates are marked over the whole corpus (`analysis.dedupe.mark_duplicates`), so a
  kept article whose `duplicate_of` or reprint `lineage` changes (a new file holds an earlier
  copy of its story) is re-written too.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from searchapp import engine
from searchapp.index.articles import article_hash, iter_file_articles, problem
from searchapp.index.corpus import Corpus, Marks, digest_of
from searchapp.index.signing import Signing
from searchapp.index.spool import Spool
from searchapp.index.fingerprint import fingerprint as code_fingerprint
from searchapp.index.masthead import options_with_masthead, top_folder
from searchapp.index.files import file_digest
from searchapp.index.store import MANIFEST_FORMAT, gen_number, read_manifest
from searchapp.index.unreadable import UNREADABLE, previous_articles
from searchapp.ingest import FileFilter, IngestError, ReadOptions, find_inputs
from searchapp.model import Article


@dataclass
class BuildPlan:
    """The outcome of planning (see module docstring); `write`/`delete` drive the Whoosh writer.
    `write` is a sequence of the articles to write that reads them from disk as it goes
    (`spool.SpooledArticles`), so planning and writing hold one article at a time, never the
    whole corpus. Call close() when done with it."""

    full: bool
    manifest: dict[str, Any]
    n_files: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    kept_folders: list[str] = field(default_factory=list)
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
    file_warnings: list[dict[str, Any]] = field(default_factory=list)
    #: where `write`'s articles wait on disk (index/spool.py), and the per-article records
    #: (index/corpus.py); both removed by close()
    spool: Spool | None = None
    corpus: Corpus | None = None

    def close(self) -> None:
        """Remove the plan's temporary files (its articles on disk)."""
        for part in (self.spool, self.corpus):
            if part is not None:
                part.close()


def _under(key: str, roots: list[str]) -> bool:
    return any(key == r or key.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def _had_clash(entry: dict[str, Any]) -> bool:
    """True if this manifest file entry had articles skipped because their id was taken
    (`skipped`; manifests written before it existed: an "already read from" problem)."""
    if entry.get("skipped"):
        return True
    return "skipped" not in entry and any("already read from" in str(p.get("reason", ""))
                                          for p in entry.get("problems", []))


def make_plan(paths: list[Path], index_dir: Path, live: str | None, rebuild: bool,
              say: Callable[..., None], options: ReadOptions | None = None,
              files: FileFilter | None = None,
              recorded: dict[str, Any] | None = None, helper: Any = None) -> BuildPlan:
    """Scan the inputs against the live manifest and read what changed (see module docstring).
    Steps: which given paths exist; (1) which files changed, disappeared or had an id clash;
    (2) read the changed ones; (3) mark near-duplicates over the whole corpus; (4) what to write
    and delete, and the counts. `options` read the files under `paths`; `files` selects files in
    the folders given. `recorded`: a manifest's "files" (real path → entry) whose
    `read_options` a file keeps when no options are given and `live` has no entry for it — the
    damaged generation's, when a damaged folder is rebuilt with no live generation to read.
    `helper`: an idle writer process (`engine.store.standby`) that classifies and signs part of
    the articles read (`index.signing`), or None."""
    p = _Planner(index_dir, live, rebuild, options or ReadOptions(), files or FileFilter(),
                 recorded or {})
    roots = p.existing(paths)
    if not roots and p.old is not None:  # nothing given exists (a typo?): keep the index
        return p.unchanged("none of the given paths exists; the index was left as it was")
    seen, to_read = p.scan(p.discover(roots), paths)
    reread, reserved = p.clashed_files(seen, to_read)
    kept_files = dict(p.plan.manifest["files"])
    for key, prev in kept_files.items():  # earlier problems of the files asked about, again
        if _under(key, p.root_keys):
            p.plan.problems.extend(prev.get("problems", []))
            p.plan.file_warnings.extend(prev.get("warnings", []))
    if not p.plan.full and not to_read and not p.plan.removed_files:
        return p.unchanged()
    owner = _owners(kept_files, reserved)
    try:
        p.read(to_read + reread, owner, seen, say, helper)
        kept_ids = {aid for aid, k in owner.items() if k in kept_files}
        marks, remarked = p.marked_duplicates(kept_ids, say)
        p.count(marks, remarked, kept_ids, say)
        p.plan.manifest["roots"] = p.roots_recorded()
    except BaseException:
        p.plan.close()
        raise
    return p.plan


class _Planner:
    """The state `make_plan` works on: the live manifest (`old`), the plan being made, and the
    real paths of the roots (`root_keys`)."""

    def __init__(self, index_dir: Path, live: str | None, rebuild: bool, options: ReadOptions,
                 files: FileFilter, recorded: dict[str, Any]):
        self.index_dir, self.live, self.rebuild = index_dir, live, rebuild
        self.options, self.files, self.recorded = options, files, recorded
        self.old = read_manifest(index_dir / live) if live else None
        fingerprint = code_fingerprint()
        self.old_files: dict[str, Any] = (self.old or {}).get("files", {})
        self.old_articles: dict[str, str] = (self.old or {}).get("articles", {})
        full = rebuild or self.old is None or self.old.get("fingerprint") != fingerprint
        self.plan = BuildPlan(
            full=full, manifest={"format": MANIFEST_FORMAT, "fingerprint": fingerprint,
                                 "schema": engine.schema_signature(), "files": {}, "articles": {}},
            live_generation=gen_number(live) if live else 0, old_ids=set(self.old_articles))
        self.root_keys: list[str] = []
        self.given_keys: list[str] = []
        #: spool positions of articles of a file that failed partway (not in the index)
        self.dropped: set[int] = set()

    def existing(self, paths: list[Path]) -> list[Path]:
        """The given paths that exist (each missing one is a problem); when the indexing code
        changed, earlier files from other paths too, if still there."""
        roots = [p for p in paths if p.exists()]
        self.given_keys = [os.path.realpath(r) for r in roots]
        self.plan.problems += [problem(p, "no such file or folder") for p in paths if not p.exists()]
        if roots and self.plan.full and not self.rebuild and self.old is not None:
            given = [os.path.realpath(r) for r in roots]
            roots += [Path(k) for k in self.old_files if Path(k).is_file() and not _under(k, given)
                      and not self.via_link(k)]
        self.root_keys = [os.path.realpath(r) for r in roots]
        return roots

    def via_link(self, key: str) -> bool:
        """Was the live manifest's file `key` reached through a symbolic link out of a folder
        given (it is neither a path given nor under one)? Such links are no longer followed
        (`ingest.find_inputs`), so the file leaves the index with a warning, instead of being
        kept as "indexed from another path". Manifests that do not record their roots: False."""
        recorded = (self.old or {}).get("roots")
        if recorded is None or _under(key, recorded):
            return False
        self.plan.warnings.append(
            f"{key} was read through a symbolic link from outside the folders indexed; "
            "removed from the index (a link out of a folder is not followed: name the file "
            "itself to index it)")
        return True

    def roots_recorded(self) -> list[str]:
        """The paths given to the builds this index holds (real paths, files or folders): this
        build's, plus the earlier ones unless it is a rebuild. `searchapp repair` re-indexes
        them (docs/index.md, "Damage and repair")."""
        earlier = [] if self.rebuild else (self.old or {}).get("roots")
        if earlier is None:  # a manifest from before roots were recorded: each file it holds
            # from elsewhere counts as given by name (`via_link` cannot tell how it was reached)
            earlier = [k for k in self.old_files if not _under(k, self.given_keys)] \
                if self.old is not None and not self.rebuild else []
        files = self.plan.manifest["files"]
        # an earlier root that is gone and holds no recorded file any more (a folder moved)
        earlier = [r for r in earlier if os.path.exists(r)
                   or any(k == r or k.startswith(r.rstrip(os.sep) + os.sep) for k in files)]
        given = [k for k in self.given_keys if os.path.exists(k)]
        return sorted(set(earlier) | set(given))

    def discover(self, roots: list[Path]) -> list[Path]:
        """The input files under the roots; each symbolic link leading out of its folder is a
        problem (`ingest.find_inputs`), not read."""
        try:
            found = find_inputs(roots, self.files) if roots else None
            if found is None:
                return []
            self.plan.problems += [problem(r.file, r.reason) for r in found.refused]
            return found.files
        except IngestError as e:
            self.plan.problems.append(problem(e.file or "?", e.reason))
            return []

    def unchanged(self, warning: str | None = None) -> BuildPlan:
        """A no-op plan: the live manifest stays (with refreshed file entries)."""
        plan = self.plan
        plan.noop = True
        plan.manifest = ({**self.old, "files": {**self.old_files, **plan.manifest["files"]}}
                         if warning is None else self.old)
        plan.unchanged = len(self.old_articles)
        if warning:
            plan.warnings.append(warning)
        return plan

    def scan(self, found: list[Path], paths: list[Path]) -> tuple[dict[str, Path], list[tuple[str, Path, dict]]]:
        """({real path: path} of the files found, [(key, path, manifest entry)] to read): new or
        changed files (by hash; size + mtime equal to the manifest's mean unchanged), and files
        given other reading options than they were read with. Unchanged files keep their
        manifest entry; files gone from under the roots are `removed_files`."""
        plan = self.plan
        given = [os.path.realpath(p) for p in paths if p.exists()]
        seen: dict[str, Path] = {}
        to_read: list[tuple[str, Path, dict[str, Any]]] = []
        reported: set[str] = set()  # unusable publication sidecars already reported
        for f in found:
            key = os.path.realpath(f)
            if key in seen:
                continue
            seen[key] = f
            prev = self.old_files.get(key)
            try:
                entry = _file_entry(f, prev)
            except OSError as e:
                reason = f"cannot read: {e.strerror or e}"
                if prev and prev.get("ids"):  # indexed before: its articles are kept (`read`)
                    to_read.append((key, f, {**prev, UNREADABLE: reason}))
                else:
                    plan.problems.append(problem(f, reason))
                continue
            recorded = ReadOptions.from_dict(
                (prev or self.recorded.get(key) or {}).get("read_options")).to_dict()
            # options given for these paths apply; none given: a file keeps those it was read with
            entry["read_options"] = options_with_masthead(
                self.options.to_dict() if _under(key, given) and self.options != ReadOptions()
                else recorded, f, top_folder(key, given), recorded, plan.problems, reported)
            if plan.full or prev is None or prev.get("hash") != entry["hash"] \
                    or recorded != entry["read_options"]:
                to_read.append((key, f, entry))
            else:
                if prev.get("size") != entry["size"] or prev.get("mtime_ns") != entry["mtime_ns"]:
                    plan.stat_refresh = True
                plan.manifest["files"][key] = {**prev, **entry}
        plan.n_files = len(seen)
        if self.old is None:  # a first build: nothing was indexed, nothing to keep or remove
            return seen, to_read
        emptied = self.emptied_folders(seen)
        if plan.full:  # every file is read again: an emptied folder's are read back (`read`)
            to_read += [(key, Path(key), {**prev, UNREADABLE: "its folder has no files now"})
                        for key, prev in self.old_files.items()
                        if key not in seen and prev.get("ids") and _under(key, emptied)]
        else:
            for key, prev in self.old_files.items():
                if key in seen:
                    continue
                if _under(key, emptied):
                    plan.manifest["files"][key] = prev  # a folder with nothing in it now: kept
                elif _under(key, self.root_keys) or self.via_link(key):
                    plan.removed_files.append(key)
                else:
                    plan.manifest["files"][key] = prev  # indexed from another path: kept
        return seen, to_read

    def emptied_folders(self, seen: dict[str, Path]) -> list[str]:
        """The folders given to this build that hold no input file now although files were
        indexed from them (an unmounted drive, a sync not done yet): the removal rule does not
        apply to them, and a warning per folder says so. Dropping such files takes a rebuild
        without the folder (docs/index.md)."""
        out: list[str] = []
        for root in self.given_keys:
            if not os.path.isdir(root) or any(_under(k, [root]) for k in seen):
                continue
            held = [k for k in self.old_files if _under(k, [root])]
            if held:
                out.append(root)
                self.plan.kept_folders.append(root)
                self.plan.warnings.append(
                    f"{root} has no files to index now, but {len(held)} indexed "
                    f"file{'s' if len(held) != 1 else ''} came from "
                    "it (an unmounted drive or an unfinished copy?): their articles were kept. "
                    "To drop them, rebuild without it: searchapp index --rebuild <the other paths>")
        return out

    def clashed_files(self, seen: dict[str, Path], to_read: list) -> tuple[list, dict[str, str]]:
        """Files with articles skipped for an id clash, to read again (the clash may be gone)
        whenever anything is read or removed, and {their earlier ids: file} still reserved to
        them."""
        reread: list[tuple[str, Path, dict[str, Any]]] = []
        reserved: dict[str, str] = {}
        files = self.plan.manifest["files"]
        if self.plan.full or not (to_read or self.plan.removed_files):
            return reread, reserved
        for key, prev in list(files.items()):
            f = seen.get(key) or Path(key)
            if not _had_clash(prev) or not f.is_file():
                continue
            del files[key]
            reread.append((key, f, {k: prev[k] for k in ("hash", "size", "mtime_ns", "read_options")
                                     if k in prev}))
            for aid in prev.get("ids", []):
                reserved.setdefault(aid, key)
        return reread, reserved

    def read(self, to_read: list, owner: dict[str, str], seen: dict[str, Path],
             say: Callable[..., None], helper: Any = None) -> None:
        """Read the files in order, article by article; an article id already owned by another
        file (or read earlier in this file) is a problem and skipped, unless that file is gone
        from disk: then the article moves to this file (a folder moved or renamed; `_move`,
        applied once the file is read whole). Every other article goes to the plan's spool (on
        disk) and corpus (its few marks-deciding values): its slot is its spool position; its
        topics and signature are worked out on the way there (`signing`, with `helper`).
        Fills `owner` and the files' manifest entries."""
        plan = self.plan
        plan.spool, plan.corpus = Spool(self.index_dir), Corpus(self.index_dir)
        signing = Signing(plan.spool, plan.corpus, helper)
        self._read_files(to_read, owner, seen, say, signing)
        signing.close()

    def _read_files(self, to_read: list, owner: dict[str, str], seen: dict[str, Path],
                    say: Callable[..., None], signing: Signing) -> None:
        plan = self.plan
        for i, (key, f, entry) in enumerate(to_read, 1):
            say(f"reading {i}/{len(to_read)}: {f}", i, len(to_read))
            if UNREADABLE in entry:
                probs = [problem(f, entry[UNREADABLE])]
                if not self._keep_previous(key, f, probs, owner):
                    plan.problems.extend(probs)
                continue
            ids: list[str] = []
            own: set[str] = set()
            skipped: list[str] = []
            clashes: list[dict[str, Any]] = []
            moved: list[tuple[Article, str]] = []
            first = len(plan.spool)
            owned_before: dict[str, str | None] = {}
            got = iter_file_articles(f, ReadOptions.from_dict(entry.get("read_options")),
                                     topics_later=True)
            for a in got:
                if a.id not in own and a.id in owner and owner[a.id] != key \
                        and not os.path.lexists(owner[a.id]):
                    moved.append((a, owner[a.id]))
                    owned_before.setdefault(a.id, owner[a.id])
                    owner[a.id] = key
                if a.id in own or (a.id in owner and owner[a.id] != key):
                    other = seen.get(owner[a.id], owner[a.id])
                    clashes.append(problem(f, f"article id {a.id} ({a.title[:40]!r}) already read "
                                              f"from {other}; skipped", (a.origin or {}).get("line_start")))
                    skipped.append(a.id)
                    continue
                owned_before.setdefault(a.id, owner.get(a.id))
                owner[a.id] = key
                own.add(a.id)
                ids.append(a.id)
                signing.add(a)
            signing.flush()  # this file's articles are in the spool (positions from `first`)
            if got.failed:  # unusable partway: none of its articles (as when read whole)
                for aid, prev in owned_before.items():
                    if prev is None:
                        del owner[aid]
                    else:
                        owner[aid] = prev
                self.dropped.update(range(first, len(plan.spool)))
                if self._keep_previous(key, f, got.problems, owner):
                    continue
                ids, skipped, clashes, moved = [], [], [], []
            for a, gone in moved:
                self._move(a, gone, f)
            probs = got.problems + clashes
            plan.read.append(str(f))
            plan.problems.extend(probs)
            plan.file_warnings.extend(got.warnings)
            plan.manifest["files"][key] = {**entry, "ids": ids, "problems": probs, "skipped": skipped,
                                           "warnings": got.warnings}

    def _keep_previous(self, key: str, f: Path, probs: list[dict[str, Any]],
                       owner: dict[str, str]) -> bool:
        """The file `key` was indexed before and cannot be read now (`probs` say why): its
        earlier articles go into this build again from the live generation
        (`unreadable.previous_articles`), the problem says so, and its manifest entry keeps the
        earlier hash, so the next build tries the file again. False when it held no articles
        (nothing to keep: the caller goes on as for any unreadable file)."""
        prev = self.old_files.get(key)
        arts, note = previous_articles(self.index_dir, self.live, prev, key, owner)
        if not note:
            return False
        probs = [{**p, "reason": f"{p.get('reason', '')}{note}"} for p in probs]
        for a in arts:
            owner[a.id] = key
            self.plan.spool.add(a)
            self.plan.corpus.add(a)
        self.plan.read.append(str(f))
        self.plan.problems.extend(probs)
        self.plan.manifest["files"][key] = {**prev, "ids": [a.id for a in arts], "problems": probs,
                                           "skipped": [], "warnings": []}
        return True

    def _move(self, a: Article, gone: str, f: Path) -> None:
        """Article `a`, recorded from the file `gone` that no longer exists, is now read from
        `f`: the id leaves `gone`'s manifest entry (the entry goes when no id is left) and a
        warning says so. Nothing is deleted: the article is rewritten with its new origin."""
        files = self.plan.manifest["files"]
        prev = files.get(gone)
        if prev is not None:
            left = [i for i in prev.get("ids", []) if i != a.id]
            if left:
                files[gone] = {**prev, "ids": left}
            else:
                del files[gone]
        self.plan.file_warnings.append(problem(
            f, f"article id {a.id} ({a.title[:40]!r}) was read from {gone}, which is gone: it "
               "is this file's now", (a.origin or {}).get("line_start")))

    def marked_duplicates(self, kept_ids: set[str], say: Callable[..., None]
                          ) -> tuple[Marks | None, list[Article]]:
        """Mark near-duplicates over the whole corpus: the kept articles' values are read from
        the live index one by one (not kept). Returns the marks (None: marking failed, every
        article keeps its own) and the kept articles whose marks changed (read again, with
        their new marks: to be re-written)."""
        corpus = self.plan.corpus
        fresh = len(corpus)
        before: dict[int, bytes] = {}
        if kept_ids:
            say(f"signing {len(kept_ids)} kept articles for near-duplicates")
            for a in engine.iter_articles(self.index_dir / self.live, kept_ids):
                before[corpus.add(a)] = digest_of(a.duplicate_of, a.lineage)
        # The order a full build would see (files by path, articles in file order), so ties in
        # choosing a group's representative come out the same in full and incremental builds.
        slot_of = {aid: i for i, aid in enumerate(corpus.ids)}
        files = self.plan.manifest["files"]
        order = [slot_of[i] for k in sorted(files) for i in files[k].get("ids", []) if i in slot_of]
        say(f"marking near-duplicates over {len(order)} articles")
        marks = corpus.marks(order, self.plan.warnings)
        if marks is None:
            return None, []
        changed = {corpus.ids[slot]: slot for slot in range(fresh, len(corpus))
                   if marks.digest(slot) != before[slot]}
        remarked = [marks.apply(changed[a.id], a)
                    for a in (engine.read_articles(self.index_dir / self.live, changed)
                              if changed else [])]
        return marks, remarked

    def count(self, marks: Marks | None, remarked: list[Article], kept_ids: set[str],
              say: Callable[..., None]) -> None:
        """What to write and delete, and the added / updated / removed / unchanged counts (the
        new articles' hashes from one pass over the spool, marks applied)."""
        plan, old = self.plan, self.old_articles
        arts = plan.manifest["articles"]
        for aid in kept_ids:
            arts[aid] = old.get(aid, "")
        for a in remarked:
            arts[a.id] = article_hash(a)
        plan.updated += len(remarked)
        fix = None if marks is None else marks  # callable; pickles its part (spool.py)
        spool = plan.spool
        write: list[int] = []
        every = [pos for pos in range(len(spool)) if pos not in self.dropped]
        say(f"hashing {len(every)} articles")
        ids = plan.corpus.ids
        for pos, a in zip(every, spool.view(every, fix)):
            # the id string the corpus holds (its slot is its spool position), not a third copy
            aid = ids[pos] if ids[pos] == a.id else a.id
            h = arts[aid] = article_hash(a)
            if plan.full or old.get(a.id) != h:
                write.append(pos)
            if a.id not in old:
                plan.added += 1
            elif old[a.id] != h:
                plan.updated += 1
        plan.write = spool.view(write, fix, extra=remarked)
        plan.removed = len(set(old) - set(arts))
        plan.unchanged = len(arts) - plan.added - plan.updated
        if not plan.full:
            rewritten = {a.id for a in remarked} | {spool_id for spool_id in
                                                    (plan.corpus.ids[p] for p in write)}
            plan.delete = sorted((set(old) - set(arts)) | (rewritten & set(old)))


def _file_entry(f: Path, prev: dict[str, Any] | None) -> dict[str, Any]:
    """{"hash", "size", "mtime_ns"} of a file; the manifest's hash is trusted when size and
    mtime are the same (as git does). Raises OSError."""
    st = f.stat()
    if prev and prev.get("size") == st.st_size and prev.get("mtime_ns") == st.st_mtime_ns:
        digest = prev["hash"]
    else:
        digest = file_digest(f, follow_links=True)
    return {"hash": digest, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _owners(kept_files: dict[str, Any], reserved: dict[str, str]) -> dict[str, str]:
    """{article id: the file that owns it}: the ids of kept files first, then those reserved to
    files read again."""
    owner: dict[str, str] = {}
    for key, prev in kept_files.items():
        for aid in prev.get("ids", []):
            owner.setdefault(aid, key)
    for aid, key in reserved.items():
        owner.setdefault(aid, key)
    return owner
