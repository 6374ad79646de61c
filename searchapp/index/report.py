"""What a build did: `BuildReport`, made from the build's plan before anything is written.

    plan_report(plan) -> BuildReport          the plan's counts
    nothing_readable(plan, report, live, say) -> BuildReport   every input failed: say so
    rederived(notes, live, generation) -> str     derived files written again: the warning
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:  # annotations only: the readers load when a build plans
    from searchapp.index.plan import BuildPlan

__all__ = ["BuildReport", "plan_report", "nothing_readable", "rederived"]


@dataclass
class BuildReport:
    """What a build did. Article counts are relative to the previous live generation:

    files      input files found under the given paths
    added      articles new to the index; updated: same id, changed content (re-written);
    removed    articles gone (their file disappeared or no longer yields them);
    unchanged  articles kept as they were; articles: total in the index after the build
    problems   [{"file": str, "line": int|None, "reason": str}] — everything skipped, including
               problems of unchanged files recorded by earlier builds
    seconds    wall time (float); generation: live generation number after the build (int)
    files_read files (re-)read by this build; files_removed: files dropped from the index
    full       True when the whole index was rewritten; noop: True when nothing changed
    warnings   one-line notes that skipped nothing (e.g. near-duplicate marking failed)
    replaced_damage  with `rebuild=True` on a damaged index folder: what was damaged (one line;
               the CLI prints it as a warning), else None
    nothing_read  when no article could be read: what was done instead (one line: the previous
               index kept as it was, or no index created; the CLI's summary line says it), else
               None
    file_warnings  [{"file", "line", "reason"}] — what the readers' sanity checks found
               suspicious in a file without skipping anything (ingest.checks), including
               those of unchanged files recorded by earlier builds
    kept_folders  the folders given that hold no input file now although files were indexed
               from them (an unmounted drive?): their articles were kept, and `warnings` says
               so; not up to date, so the CLI exits 1 as for `problems`
    """

    files: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    articles: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    generation: int = 0
    files_read: int = 0
    files_removed: int = 0
    full: bool = False
    noop: bool = False
    index_dir: str = ""
    warnings: list[str] = field(default_factory=list)
    replaced_damage: str | None = None
    nothing_read: str | None = None
    file_warnings: list[dict[str, Any]] = field(default_factory=list)
    kept_folders: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable dict of all fields."""
        return dataclasses.asdict(self)



def plan_report(plan: BuildPlan) -> BuildReport:
    """The plan's counts as a BuildReport (before anything is written)."""
    return BuildReport(files=plan.n_files, problems=plan.problems, warnings=plan.warnings,
                       file_warnings=plan.file_warnings, kept_folders=plan.kept_folders,
                       files_read=len(plan.read), files_removed=len(plan.removed_files),
                       full=plan.full, added=plan.added, updated=plan.updated,
                       removed=plan.removed, unchanged=plan.unchanged,
                       articles=len(plan.manifest["articles"]))


def nothing_readable(plan: BuildPlan, report: BuildReport, live: str | None,
                      say: Callable[..., None]) -> BuildReport:
    """Every input failed: keep the working index rather than empty it (e.g. a broken reader);
    with no index yet, create none (an empty index would hide the "build the index first" hint
    of search/serve behind empty result lists)."""
    report.noop = True
    if live:
        report.generation = plan.live_generation
        report.added = report.updated = report.removed = 0
        report.articles = report.unchanged = plan.removed
        report.nothing_read = "no article could be read; the previous index was kept as it was"
    else:
        report.generation = 0
        report.nothing_read = "nothing was indexed: no article could be read; no index was created"
    say(report.nothing_read)
    return report


def rederived(notes: list[str], live: str | None, generation: int) -> str:
    """The build's warning when the live generation lacked derived files (`health` notes,
    "derived file NAME is missing: …"): the new generation has them again, written from the
    index (an unchanged corpus still gets a new generation for that; no article changes)."""
    names = [n.split()[2] for n in notes if n.startswith("derived file ")]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return (f"{live} lacked derived file{'s' if len(names) != 1 else ''} {shown} (missing or "
            f"resized): written again from the index in generation {generation}")
