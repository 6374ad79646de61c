"""The archive as printed: publications, a publication's calendar, one issue in print order.
HTML blueprint `archive` (/archive/...) and its JSON twin `archive_api` (/api/archive/...),
with the same parameters; views only parse → call `backend` → present."""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request
from werkzeug.routing import BaseConverter

from searchapp.messages import bad_request
from searchapp.web import backend
from searchapp.web import present_archive as P

bp = Blueprint("archive", __name__)
api_bp = Blueprint("archive_api", __name__, url_prefix="/api")

#: Years a calendar may be asked for (`year` parameter).
YEARS = (1000, 9999)


def _no_params(*allowed: str) -> None:
    unknown = sorted(k for k in request.args if k not in allowed)
    if unknown:
        raise bad_request("unknown_param", param=unknown[0], valid=list(allowed))


def _year() -> int | None:
    """The `year` parameter of a calendar: an integer in YEARS; empty = the latest year."""
    _no_params("year")
    values = [v.strip() for v in request.args.getlist("year") if v.strip()]
    if not values:
        return None
    if len(set(values)) > 1:
        raise bad_request("repeated_param", param="year")
    if not values[0].isdigit() or not YEARS[0] <= int(values[0]) <= YEARS[1]:
        raise bad_request("out_of_range", param="year", lo=YEARS[0], hi=YEARS[1],
                          value=values[0][:40])
    return int(values[0])



class NameConverter(BaseConverter):
    """A publication name as one URL path segment: a "/" in the name (a source that was not
    split at it, e.g. `A/B` kept whole) is written as "／" (U+FF0F) and read back, so every
    listed publication has a reachable page (a "/" or "%2F" would end the segment: 404)."""

    def to_python(self, value: str) -> str:
        return value.replace("\uff0f", "/")

    def to_url(self, value: str) -> str:
        return super().to_url(str(value).replace("/", "\uff0f"))


@bp.get("/archive")
def index():
    """Every publication of the archive with its issues, articles and missing issues."""
    _no_params()
    return render_template("archive.html", **P.publications_view(backend.publications()))


@bp.get("/archive/<name:publication>")
def calendar(publication: str):
    """Calendar of one publication: articles per day (or issue) and the missing issues."""
    cal = backend.publication_calendar(publication, _year())
    return render_template("calendar.html", **P.calendar_view(cal))


@bp.get("/archive/<name:publication>/<issue>")
def issue(publication: str, issue: str):
    """One issue: its articles in print order, grouped by page, with previous/next issue."""
    _no_params()
    return render_template("issue.html", **P.issue_view(backend.issue(publication, issue)))


@api_bp.get("/archive", endpoint="index")
def index_json():
    """JSON twin of /archive."""
    _no_params()
    v = P.publications_view(backend.publications(), json_twin=True)
    return jsonify({"ok": True, "publications": v["publications"], "undated": v["undated"],
                    "links": {"self": v["json_url"], "html": v["html_url"]}})


@api_bp.get("/archive/<name:publication>", endpoint="calendar")
def calendar_json(publication: str):
    """JSON twin of /archive/<publication>."""
    return jsonify(P.calendar_json(backend.publication_calendar(publication, _year())))


@api_bp.get("/archive/<name:publication>/<issue>", endpoint="issue")
def issue_json(publication: str, issue: str):
    """JSON twin of /archive/<publication>/<issue>."""
    _no_params()
    return jsonify(P.issue_json(backend.issue(publication, issue)))



def _pub_param() -> dict:
    return {"name": "publication", "in": "path", "required": True, "schema": {"type": "string"},
            "description": "A publication's key as /api/archive lists it (a newspaper's or "
                           "site's source name; for issue files the name their running heads "
                           "print, else one made from the file names). Its name to show is "
                           "`name`."}


def _ok(desc: str, schema: dict) -> dict:
    return {"description": desc, "content": {"application/json": {"schema": schema}}}


_ERR = {code: {"description": d, "content": {"application/json": {
    "schema": {"$ref": "#/components/schemas/Error"}}}}
    for code, d in (("400", "Bad parameter"), ("404", "No such publication, issue or year"),
                    ("503", "No index"))}
_ARTICLE_ROW = {"type": "object", "properties": {
    "id": {"type": "string"}, "title": {"type": "string"}, "author": {"type": "string", "nullable": True},
    "source": {"type": "string", "nullable": True}, "credit": {"type": "string", "nullable": True},
    "date": {"type": "string", "nullable": True}, "page": {"type": "integer", "nullable": True},
    "role": {"type": "string", "nullable": True, "enum": ["original", "reprint", "undetermined", None]},
    "url": {"type": "string"}}}
_YEAR = {"name": "year", "in": "query", "required": False,
         "schema": {"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1]},
         "description": "Calendar year (default: the latest year with an issue)."}
_ISSUE = {"name": "issue", "in": "path", "required": True, "schema": {"type": "string"},
          "description": "An issue key as the calendar gives it: the ISO day of a dated issue, "
                         "or an issue file's name."}
_NAMING = {
    "name": {"type": "string", "description": "the publication's name to show and cite: its "
             "publication.toml's name, else the name its running heads print, else its key"},
    "named": {"type": "boolean", "description": "false when the publication is known only by "
              "a key made from its issue files' names (name_hint says how to name it)"},
    "issn": {"type": "string", "nullable": True}, "cn": {"type": "string", "nullable": True},
    "name_hint": {"type": "string", "nullable": True},
    "medium": {"type": "string", "enum": ["newspaper", "magazine", "web"], "description":
               "what it is for a reader and a citation (kind: how the archive holds it; an "
               "issue file whose publication.toml says 报纸 is a newspaper held as issue files)"}}
_CAL = {"type": "object", "required": ["ok", "publication", "cadence", "missing", "months"],
        "properties": {
            "ok": {"type": "boolean"}, "publication": {"type": "string"}, **_NAMING,
            "kind": {"type": "string", "enum": ["newspaper", "magazine", "web"]},
            "cadence": {"type": "string", "enum": ["daily", "weekly", "monthly", "irregular"]},
            "off_weekdays": {"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 6}},
            "issues": {"type": "integer"}, "articles": {"type": "integer"},
            "first": {"type": "string", "nullable": True}, "last": {"type": "string", "nullable": True},
            "missing": {"type": "array", "items": {"type": "string"},
                        "description": "expected issues the archive does not hold"},
            "years": {"type": "array", "items": {"type": "integer"}},
            "year": {"type": "integer", "nullable": True},
            "months": {"type": "array", "items": {"type": "object", "properties": {
                "month": {"type": "string"}, "issues": {"type": "integer"},
                "articles": {"type": "integer"}, "missing": {"type": "boolean"},
                "days": {"type": "array", "items": {"type": "object", "properties": {
                    "date": {"type": "string"}, "day": {"type": "integer"},
                    "count": {"type": "integer"}, "issue": {"type": "string", "nullable": True},
                    "status": {"type": "string", "enum": ["issue", "missing", "off", "empty"]},
                    "url": {"type": "string", "nullable": True}}}},
                "issues_of_month": {"type": "array", "items": {"type": "object"}}}}},
            "undated": {"type": "array", "items": {"type": "object"}},
            "undated_articles": {"type": "integer", "description": "its source's articles on "
                                 "no calendar (no date, not from an issue file)"},
            "undated_articles_url": {"type": "string", "nullable": True,
                                     "description": "the search of them (source=…&month=_none)"},
            "links": {"type": "object"}}}
_ISSUE_BODY = {"type": "object", "required": ["ok", "publication", "issue", "pages"], "properties": {
    "ok": {"type": "boolean"}, "publication": {"type": "string"}, **_NAMING,
    "issue": {"type": "string"},
    "date": {"type": "string", "nullable": True}, "kind": {"type": "string"},
    "label": {"type": "string"}, "total": {"type": "integer"},
    "pages": {"type": "array", "items": {"type": "object", "properties": {
        "page": {"type": "integer", "nullable": True}, "label": {"type": "string"},
        "articles": {"type": "array", "items": _ARTICLE_ROW}}}},
    "prev": {"type": "object", "nullable": True}, "next": {"type": "object", "nullable": True},
    "links": {"type": "object"}}}
_PUBS = {"type": "object", "required": ["ok", "publications"], "properties": {
    "ok": {"type": "boolean"}, "undated": {"type": "integer"},
    "publications": {"type": "array", "items": {"type": "object", "properties": {
        "publication": {"type": "string"}, **_NAMING, "kind": {"type": "string"},
        "issues": {"type": "integer"}, "articles": {"type": "integer"},
        "first": {"type": "string", "nullable": True}, "last": {"type": "string", "nullable": True},
        "cadence": {"type": "string"}, "missing": {"type": "integer"}, "url": {"type": "string"},
        "undated_articles": {"type": "integer", "description": "its source's articles on no "
                             "calendar (no date, not from an issue file)"},
        "undated_articles_url": {"type": "string", "nullable": True}}}},
    "links": {"type": "object"}}}
_HTML = {"description": "HTML page", "content": {"text/html": {"schema": {"type": "string"}}}}

#: OpenAPI operations of these routes (merged into /api/openapi.json by `web.openapi`).
OPENAPI_PATHS = {
    "/archive": {"get": {"summary": "Publications of the archive (HTML)", "parameters": [],
                         "responses": {"200": _HTML, **_ERR}}},
    "/archive/{publication}": {"get": {
        "summary": "Calendar of a publication: articles per day or issue, missing issues (HTML)",
        "parameters": [_pub_param(), _YEAR], "responses": {"200": _HTML, **_ERR}}},
    "/archive/{publication}/{issue}": {"get": {
        "summary": "One issue in print order, grouped by page, with previous/next issue (HTML)",
        "parameters": [_pub_param(), _ISSUE], "responses": {"200": _HTML, **_ERR}}},
    "/api/archive": {"get": {"summary": "Publications of the archive (JSON twin of /archive)",
                             "parameters": [], "responses": {"200": _ok("Publications", _PUBS), **_ERR}}},
    "/api/archive/{publication}": {"get": {
        "summary": "Calendar of a publication (JSON twin of /archive/{publication})",
        "parameters": [_pub_param(), _YEAR], "responses": {"200": _ok("Calendar", _CAL), **_ERR}}},
    "/api/archive/{publication}/{issue}": {"get": {
        "summary": "One issue in print order (JSON twin of /archive/{publication}/{issue})",
        "parameters": [_pub_param(), _ISSUE],
        "responses": {"200": _ok("The issue", _ISSUE_BODY), **_ERR}}},
}
