"""Security headers sent with every response (HTML, JSON, exports, static files, errors).

Sources: OWASP Secure Headers Project recommendations; MDN "Content-Security-Policy".
The UI has no inline script or inline style (the month histogram uses CSS classes, not
`style=` attributes), so the policy can forbid both. `frame-ancestors 'none'` plus
`X-Frame-Options: DENY` stop click-jacking in new and old browsers.
"""
from __future__ import annotations

from flask import Flask, Response

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def add_headers(resp: Response) -> Response:
    """after_request hook: set each header unless a view already chose its own value."""
    for k, v in HEADERS.items():
        resp.headers.setdefault(k, v)
    return resp


def init_app(app: Flask) -> None:
    """Attach `add_headers` to every response of `app`."""
    app.after_request(add_headers)
