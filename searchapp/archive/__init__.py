"""archive: the archive as printed and as reprinted, computed when the index is built.

    edition_of(article) -> Edition | None     editions.py: publication, issue, page, kind
    page_number(value, column) -> int | None  editions.py: 第N版 and friends
    credits(body) -> [outlet]                 credits.py: 来源：X, 转自X, 据X报道
    assign(articles, groups)                  lineage.py: 原发 / 转载 in each near-duplicate group

Everything here shapes what the index stores, so the index fingerprint covers this package.
"""
from searchapp.archive.credits import credits
from searchapp.archive.editions import Edition, edition_of, page_number, parse_key
from searchapp.archive.lineage import ROLES, assign

__all__ = ["credits", "Edition", "edition_of", "page_number", "parse_key", "ROLES", "assign"]
