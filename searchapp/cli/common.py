"""What every command shares: one-line errors (`CliError`, `Group`), `--index`, JSON output,
problem lines.

Errors: every `SearchAppError` (missing or busy index, bad parameter) becomes one line on
stderr, "Error: ...", and a non-zero exit, never a traceback; an unexpected exception is
reported the same way (set SEARCHAPP_DEBUG=1 to see its traceback). Exit codes: 0 success; 1 a
SearchAppError, or `index`/`segment` skipped some files or lines but did the rest; 2 usage
errors (click) and fatal `index`/`segment` errors.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

import click

from searchapp.cli import console
from searchapp.errors import SearchAppError

__all__ = ["CliError", "Group", "one_line", "index_option", "dump_json", "problem_line"]


class CliError(click.ClickException):
    """One line on stderr ("Error: message") and exit code `exit_code` (default 1)."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


class Group(click.Group):
    """Turns SearchAppError (and, unless SEARCHAPP_DEBUG is set, any exception) into CliError.
    Output characters the console cannot encode are replaced and counted (`console`), with one
    warning at the end."""

    def invoke(self, ctx: click.Context) -> Any:
        console.setup()
        try:
            return super().invoke(ctx)
        except SearchAppError as e:
            raise CliError(one_line(e.message)) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # `searchapp search x | head`: stop quietly
            sys.stderr.close()
            raise click.exceptions.Exit(0)
        except Exception as e:  # noqa: BLE001 - never a traceback at the user
            if os.environ.get("SEARCHAPP_DEBUG"):
                raise
            raise CliError(one_line(f"internal error: {type(e).__name__}: {e} "
                                     "(set SEARCHAPP_DEBUG=1 for details)"), exit_code=2) from None
        finally:
            console.finish()


def one_line(s: str) -> str:
    return " ".join(str(s).split())


def index_option(f: Callable) -> Callable:
    """`--index DIR` (envvar SEARCHAPP_INDEX, default `index/` in the working directory)."""
    return click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path),
                        envvar="SEARCHAPP_INDEX", default="index", show_default=True,
                        show_envvar=True, help="Folder of the search index.")(f)


def dump_json(obj: Any) -> str:
    """Compact UTF-8 JSON (Chinese text readable, not \\u-escaped). To print it, use
    `console.echo_json` (always UTF-8, whatever the console's encoding)."""
    return json.dumps(obj, ensure_ascii=False)


def problem_line(p: Any) -> str:
    """A reader's problem ({"file", "line", "reason"} or an object with `to_dict`) as
    "file:line: reason"."""
    d = p if isinstance(p, dict) else (p.to_dict() if hasattr(p, "to_dict") else vars(p))
    where = str(d.get("file", "?"))
    if d.get("line") is not None:
        where += f":{d['line']}"
    return f"{where}: {d.get('reason', '')}"
