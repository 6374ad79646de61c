"""Parameters that link-sharing services append to a page's address: they carry no search
meaning, so the HTML pages drop them instead of answering 400 `unknown_param` (a shared link
must open). The JSON API (`/api/...`) stays strict: a script's unknown parameter is a typo.

    is_sharing_marker(name, value) -> bool

Markers (as the services document or write them):
  - `utm_*`: Google Analytics campaign parameters (utm_source, utm_medium, utm_campaign, ...);
  - click ids: fbclid (Facebook), gclid/dclid/gbraid/wbraid (Google Ads), msclkid (Microsoft
    Advertising), yclid (Yandex), igshid (Instagram), ttclid (TikTok), mc_cid/mc_eid (Mailchimp);
  - spm/scm: Alibaba's position markers, on links shared from Taobao, Alipay and Youku pages;
  - WeChat: `isappinstalled`, and `from` only with the values WeChat writes (singlemessage,
    groupmessage, timeline): any other `from` is the search's date parameter and is read (and
    refused when malformed) as one.
"""
from __future__ import annotations

__all__ = ["is_sharing_marker"]

_PREFIXES = ("utm_",)
_NAMES = frozenset({"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
                    "ttclid", "mc_cid", "mc_eid", "spm", "scm", "isappinstalled"})
#: `from` values of a link shared in WeChat (a chat, a group chat, Moments).
_WECHAT_FROM = frozenset({"singlemessage", "groupmessage", "timeline"})


def is_sharing_marker(name: str, value: str) -> bool:
    """True when the query parameter `name`=`value` is a link-sharing marker (module
    docstring); names compare case-insensitively. Never raises."""
    n = name.strip().lower()
    if n == "from":
        return value.strip().lower() in _WECHAT_FROM
    return n in _NAMES or n.startswith(_PREFIXES)
