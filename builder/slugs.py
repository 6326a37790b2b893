"""URL slugs: stable, lower-case, and distinct for codes that differ only by a suffix."""

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Return the URL slug for a code or title.

    Lower-cases, spells '%' as 'pct' so that ``LAC6 (%)`` and ``LAC6 (val)`` stay apart
    (``lac6-pct``, ``lac6-val``), and turns every run of other characters into one '-'.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    spelled = ascii_text.lower().replace("%", " pct ")
    return _NOT_ALNUM.sub("-", spelled).strip("-")
