"""What a PDF page shows that its plain text lost, handed to the magazine segmenter.

`LayoutHints` goes with the text a PDF reader assembled (`ingest.pdf`) into
`magazine.segment(text, filename=..., hints=...)`. Without hints (a `.txt` issue) the
segmenter reads by text alone, exactly as before.

* `headlines`: 1-based line number → the line's font size divided by the page's body size,
  for lines set in headline type (at least `HEADLINE_RATIO` × the body size). A run of such
  lines after body text starts a new article even without a closing credit; it is the
  article's headline block even when a line holds a comma or runs longer than 40 characters;
  a short line in body type right under it (a byline) is not part of the headline; and when
  the block mixes sizes, the largest lines are the headline, smaller ones above it the
  kicker and below it the subtitle.
* `sizes`: the size ratio of every line not set in body type (±3 %), headlines included: a
  subtitle under a headline runs over the lines set in its own size.
* `year`: the issue's year read from the page furniture (running heads), used instead of the
  most frequent year in the text (a January issue talks about the past year).
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: A line set at least this many times the body size is headline type. Subheads, bylines and
#: captions are set at or near the body size; headlines well above it.
HEADLINE_RATIO = 1.25


@dataclass(frozen=True)
class LayoutHints:
    """See module docstring. `headlines`: dict[int, float]; `sizes`: dict[int, float] (every
    line not set in body size, ±3 %: its size / body size); `year`: int or None."""

    headlines: dict[int, float] = field(default_factory=dict)
    year: int | None = None
    sizes: dict[int, float] = field(default_factory=dict)
