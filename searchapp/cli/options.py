"""Option spellings every command shares, so the CLI reads like the web and the API
(docs/cli.md, "One spelling"):

    output_format(choices, default, json_as)   `--format CHOICE` and `--json` (= --format json_as)
                                               on every command that prints data; the value
                                               arrives as the parameter `fmt`
    QueryWordsCommand                          a command whose arguments are query words: a
                                               word starting with "-" that is none of the
                                               command's options (`-5G`, `-广告`) is a query
                                               word (an exclusion), not an unknown option

Both older spellings keep working: `--json` where there was `--format`, `--format` where there
was `--json`, and `--limit` / `-n` beside `--size` (declared by the commands).
"""
from __future__ import annotations

from typing import Any, Callable

import click
from click.core import ParameterSource

__all__ = ["output_format", "QueryWordsCommand", "TYPED", "typed_spelling"]

#: `click.Context.meta` key: the option spellings (and short options with attached values, as
#: typed, e.g. "-n5") found on the command line by `QueryWordsCommand`.
TYPED = "searchapp.typed_options"


def typed_spelling(ctx: click.Context | None, spellings: tuple[str, ...]) -> str:
    """Which of an option's `spellings` the user typed (the first one when none is known), so a
    message names the option as typed: `--limit` for `--limit 101`, `--size` for `--size 0`."""
    typed = (ctx.meta.get(TYPED) if ctx is not None else None) or set()
    for s in spellings:
        if s in typed or any(t.startswith(s) for t in typed if len(s) == 2):
            return s
    return spellings[0]


def output_format(choices: tuple[str, ...], default: str | None, json_as: str) -> Callable:
    """Decorator: `--format` (one of `choices`) and `--json`, its alias for `--format json_as`;
    the command receives `fmt` (None when neither is given and `default` is None). Giving
    both with different meanings is a usage error (exit 2)."""
    def decorate(f: Callable) -> Callable:
        def pick(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
            if param.name == "as_json":
                chosen = ctx.params.get("fmt")
                given = ctx.get_parameter_source("fmt") not in (None, ParameterSource.DEFAULT)
                if value and given and chosen != json_as:
                    raise click.UsageError(f"--json means --format {json_as}, not --format "
                                           f"{chosen}: give one of them", ctx)
                if value:
                    ctx.params["fmt"] = json_as
                return value
            return value
        f = click.option("--json", "as_json", is_flag=True, expose_value=False, callback=pick,
                         help=f"Same as --format {json_as}.")(f)
        return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                            show_default=default is not None, is_eager=True,
                            help="Output: " + ", ".join(choices) + ".")(f)
    return decorate


class QueryWordsCommand(click.Command):
    """A click command whose positional arguments are query words. Before click reads the
    arguments, a word starting with "-" that is not an option of the command (`-5G`, `-广告`,
    `-AI`: exclusions of the query language) is moved behind `--`, in order with the other
    words, so it is read as a word instead of "No such option". Options keep their meaning:
    `--json`, `-n 5`, `-n5`. A word that begins like a short option that takes a value is read
    by what follows the option letter:
    * a number option (`-n`, `-p`) followed by anything but a number (`-nba`) → a word;
    * followed by a space (`"-tech news"`, one argument: a pasted query), a colon or a quote
      (`-title:数字`, `-source:新华社`, `-page:1`: the query language) → a word;
    * a text option (`-s`, `-t`) followed by Latin letters only (`-sony`, `-tech`) → refused with
      a usage error naming both readings (`-s ony` or the excluded word `sony`), never guessed;
    * otherwise (`-n5`, `-s新华社`, `-t5G`) → that option with the value attached.
    A value-taking option with no value after it (`searchapp search -t`) is a usage error that
    says how to search for the word (`searchapp search -- -t`). Everything after `--` is query
    words. An unknown `--long` option stays an error (a typo must not become query text)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ordered = self.words_last(args)
        end = ordered.index("--") if "--" in ordered else len(ordered)
        ctx.meta[TYPED] = {a.split("=", 1)[0] for a in ordered[:end] if a.startswith("-")}
        return super().parse_args(ctx, ordered)

    def words_last(self, args: list[str]) -> list[str]:
        """`args` with the query words (and everything after `--`) moved to the end, behind
        one `--`; the options, with their values, in front in their order."""
        takes_value: dict[str, click.Option] = {}
        flags: set[str] = set()
        for p in self.params:
            if isinstance(p, click.Option):
                for name in set(p.opts) | set(p.secondary_opts):
                    if p.is_flag or p.count:
                        flags.add(name)
                    else:
                        takes_value[name] = p
        options: list[str] = []
        words: list[str] = []
        i = 0
        while i < len(args):
            a = args[i]
            if a == "--":
                words += args[i + 1:]
                break
            name = a.split("=", 1)[0]
            if name in takes_value:
                if "=" not in a and i + 1 >= len(args):
                    raise click.UsageError(
                        f"Option '{a}' ({_long(takes_value[name])}) needs a value. To search for "
                        f"the word '{a}', put it after --: searchapp {self.name} -- {a}")
                options.append(a)
                if "=" not in a:  # its value, whatever it looks like
                    i += 1
                    options.append(args[i])
            elif a.startswith("--") or name in flags:
                options.append(a)  # a flag, or an unknown --option: click says so
            elif a.startswith("-") and len(a) > 2 and a[:2] in takes_value:
                if self._attached_value(a, takes_value[a[:2]]):
                    options.append(a)  # -n5, -s新华社: the option with its value attached
                else:
                    words.append(a)  # -nba, "-tech news": an excluded word, a pasted query
            elif a.startswith("-") and len(a) > 2 and a[:2] in flags:
                options.append(a)  # -hx (a cluster of flags)
            else:
                words.append(a)  # a word; one starting with "-" is an exclusion
            i += 1
        return options + (["--"] + words if words else [])

    def _attached_value(self, arg: str, opt: click.Option) -> bool:
        """True when `arg` (`-Xrest`) reads as option `opt` with the value `rest` attached; False
        when it is a query word; a usage error when it could be either (see the class)."""
        rest = arg[2:]
        if any(c.isspace() or c in ':："“”' for c in rest):
            return False  # a pasted query, `-title:数字`, `-source:"…"`, `-page:1`: query syntax
        if isinstance(opt.type, (click.types.IntParamType, click.types.FloatParamType)):
            try:
                opt.type.convert(rest, opt, None)
            except click.BadParameter:
                return False
            return True
        if rest.isascii() and rest.isalpha():
            raise click.UsageError(
                f"'{arg}' could be {arg[:2]} ({_long(opt)}) with the value '{rest}', or the excluded "
                f"word '{arg[1:]}'. Write '{arg[:2]} {rest}' for the option, or put the word after "
                f"--: searchapp {self.name} -- {arg}")
        return True


def _long(opt: click.Option) -> str:
    """The option's long spelling (`--topic`), else its first one."""
    return next((o for o in opt.opts if o.startswith("--")), opt.opts[0])
