"""Which publication name a build reads each issue file with: the `publication.toml` sidecar of
its folder (`ingest.masthead`), recorded per file in the manifest's `read_options`, so that
naming (or renaming) a publication re-reads its issues in the next incremental build and a
name, once read, is kept by every later build.

    options_with_masthead(options, file, top, recorded, problems, reported) -> dict
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from searchapp.index.articles import problem
from searchapp.ingest import masthead_for

__all__ = ["options_with_masthead", "top_folder"]


def top_folder(key: str, given: list[str]) -> str | None:
    """The folder given to the build that `key` (a real path) was found under (the deepest, when
    folders nest), or None for a file named itself or found under none."""
    tops = [g for g in given if key != g and key.startswith(g.rstrip("/") + "/")]
    return max(tops, key=len) if tops else None


def options_with_masthead(options: dict[str, Any], file: Path, top: str | None,
                          recorded: dict[str, Any], problems: list[dict[str, Any]],
                          reported: set[str]) -> dict[str, Any]:
    """`options` (a `ReadOptions.to_dict()`) with the masthead of the sidecar that applies to
    `file` now (`ingest.masthead_for`), or without one when none applies. A sidecar that cannot
    be used is a problem (once per sidecar: `reported` holds those said) and changes nothing:
    the file keeps the masthead it was read with (`recorded`), so a typo in the sidecar never
    drops a name nor re-reads the issues. Never raises."""
    found, prob = masthead_for(file, top)
    out = {k: v for k, v in options.items() if k != "masthead"}
    if prob is not None:
        if prob.file not in reported:
            reported.add(prob.file)
            problems.append(problem(prob.file, prob.reason, prob.line))
        found = recorded.get("masthead")
    if found:
        out["masthead"] = dict(found)
    return out
