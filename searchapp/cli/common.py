"""What every command shares: one-line errors (`CliError`, `Group`), `--index`, JSON output,
problem and warning lines, the reading options of `index` and `segment` (`--map`, `--title`,
`--include`, `--exclude`).

Errors: every `SearchAppError` (missing or busy index, bad parameter) becomes one line on
stderr, "Error: ...", and a non-zero exit, never a traceback; an unexpected exception is
reported the same way (set SEARCHAPP_DEBUG=1 to see its traceback). Exit codes: 0 success; 1 a
SearchAppError, or `index`/`segment` skipped some files or lines but did the rest; 2 usage
errors (click) and fatal `index`/`segment` errors.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any, Callable

import click

from searchapp.cli import console
from searchapp.errors import SearchAppError

__all__ = ["CliError", "Group", "one_line", "index_option", "problem_line",
           "warning_line", "read_options", "file_filter_options", "TITLE_MODES", "for_terminal",
           "echo_export"]

#: The choices of `--title` (`ingest.options.TITLE_MODES`, spelled here so that `--help` does not
#: load the readers; tests/cli checks the two agree).
TITLE_MODES = ("given", "first-sentence")


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


# C0 controls but tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate
# controls (Unicode TR #9: U+202A-U+202E, U+2066-U+2069; "Trojan Source", CVE-2021-42574).
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def for_terminal(s: str) -> str:
    """`s` (str) as human output may print it: every control character that could drive the
    terminal (ESC of an OSC title or clipboard sequence, BEL, backspace, C1) or reorder what is
    shown (bidi overrides) written as an escape (`\\x1b`, `\\u202e`); tab and newline kept.
    Indexed text comes from files anyone can write; JSON output needs none of this (the JSON
    encoder escapes controls, and a script must get the text as stored)."""
    return _TERMINAL_UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), s)


def echo_export(text: str) -> None:
    """An export (RIS, GB/T 7714: the files the web UI offers for download) on stdout.

    Redirected to a file or a pipe, it is written as is, UTF-8, line ends untouched: byte for
    byte what the web export (`/cite/KEY?format=...`) sends, because a reference manager will
    read it (RIS needs its CRLF; `for_terminal` would turn each CR into the two characters
    `\\r`, and every imported field ended in them). On a terminal a person reads it: each line
    goes through `for_terminal`, its CRLF kept, in the console's encoding (`console`)."""
    out = sys.stdout
    if out is not None and out.isatty():
        click.echo("\r\n".join(for_terminal(part) for part in text.split("\r\n")), nl=False)
        return
    with console.data_out(newline="") as stream:
        stream.write(text)
        stream.flush()


def one_line(s: str) -> str:
    return " ".join(str(s).split())


def index_option(f: Callable) -> Callable:
    """`--index DIR`: the option, else $SEARCHAPP_INDEX, else `index/` in the working directory
    (docs/cli.md, "Where the index is"). The command gets it as an absolute path, so every
    message names the folder it really looked at, wherever the command was run from."""
    return click.option("--index", "index_dir",
                        type=click.Path(file_okay=False, path_type=Path, resolve_path=True),
                        envvar="SEARCHAPP_INDEX", default="index", show_default=True,
                        show_envvar=True, help="Folder of the search index.")(f)


def problem_line(p: Any) -> str:
    """A reader's problem ({"file", "line", "reason"} or an object with `to_dict`) as
    "file:line: reason", the file name's control characters escaped (one line, always)."""
    from searchapp.ingest.result import display_path  # deferred: the readers load with it

    d = p if isinstance(p, dict) else (p.to_dict() if hasattr(p, "to_dict") else vars(p))
    where = display_path(d.get("file", "?"))
    if d.get("line") is not None:
        where += f":{d['line']}"
    return f"{where}: {d.get('reason', '')}"


def warning_line(p: Any) -> str:
    """A reader's sanity warning as "warning: file:line: reason"."""
    return "warning: " + problem_line(p)


def _check_map(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from searchapp.ingest.table_map import parse_map  # deferred: the readers load with it

    try:
        parse_map(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None
    return value


def read_options(f: Callable) -> Callable:
    """`--map SPEC` and `--title given|first-sentence` (ingest.ReadOptions; docs/ingest.md)."""
    f = click.option("--title", "title_mode", type=click.Choice(TITLE_MODES), default="given",
                     show_default=True,
                     help="Where titles come from: given (a title column, a text's first line) or "
                          "first-sentence (the body's first sentence, for files without titles).")(f)
    return click.option("--map", "columns", metavar="SPEC", default=None, callback=_check_map,
                        help="Columns of CSV/TSV files: one role per column (category,body; - skips "
                             "one) or role=column pairs (title=标题,body=2). Roles: title, body, date, "
                             "source, url, author, category (a topic facet value), id.")(f)


def file_filter_options(f: Callable) -> Callable:
    """`--include GLOB` / `--exclude GLOB` (repeatable; SEARCHAPP_INCLUDE / SEARCHAPP_EXCLUDE,
    space-separated) for files in folders (ingest.FileFilter)."""
    f = click.option("--exclude", multiple=True, metavar="GLOB", envvar="SEARCHAPP_EXCLUDE",
                     show_envvar=True,
                     help="Leave out files of the folders given that match (a name, or a path "
                          "relative to the folder: answers/*). Repeatable.")(f)
    return click.option("--include", multiple=True, metavar="GLOB", envvar="SEARCHAPP_INCLUDE",
                        show_envvar=True,
                        help="Take only files of the folders given that match (e.g. '*.txt'). "
                             "Repeatable.")(f)
