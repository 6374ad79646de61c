"""Plain query words that state a printed page or issue dates (`头版`, `1月上旬`: read by
`query.calendar_words`) taken out of the text search and made the plan's filters, for
`query.parser`.

    apply_calendar_words(plan, q)    `Plan.pages`/`page_words`/`date_words` set, the words left
                                     out of `Plan.groups`; `Plan.as_text` is `q` with them quoted
"""
from __future__ import annotations

from searchapp.query import calendar_words
from searchapp.query.plan import Plan, Word

__all__ = ["apply_calendar_words"]

def apply_calendar_words(plan: Plan, q: str) -> None:
    """Plain words that state a printed page or a span of issue dates (`calendar_words`) leave
    the text search and become filters; `plan.as_text` is the query with them quoted."""
    quoted: dict[str, str] = {}
    groups = []
    for g in plan.groups:
        w = g[0]
        if len(g) != 1 or w.phrase or w.field is not None:
            groups.append(g)
            continue
        got = calendar_words.read(w.text)
        if got is not None:
            quoted[w.text] = f'"{w.text}"'
        else:
            glued = calendar_words.split(w.text)
            if glued is None:
                groups.append(g)
                continue
            got, rest = glued
            cut = len(w.text) - len(rest) if w.text.endswith(rest) else None
            quoted[w.text] = f'"{w.text[:cut]}" {rest}' if cut else f'"{w.text}"'
            groups.append([Word(rest)])
        if isinstance(got, calendar_words.PageWord):
            plan.page_words.append(got)
            plan.pages = plan.pages | {got.page}
        else:
            plan.date_words.append(got)
    if not quoted:
        return
    plan.groups = groups
    out = []
    for tok in q.split():
        out.append(quoted.pop(tok, tok))
    plan.as_text = " ".join(out)
