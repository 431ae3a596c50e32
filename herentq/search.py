"""Dutch, accent-insensitive full-text search shared by every app.

Migration 0001 of the core creates the `unaccent` extension and the text search
configuration below: Dutch stemming after `unaccent`, so "Coban" finds "Cobán".
"""

SEARCH_CONFIG = "herentq_dutch"

# Characters no typed search needs; PostgreSQL cannot even store NUL in text.
_CONTROL_CHARACTERS = dict.fromkeys([*range(0x00, 0x20), 0x7F], " ")


def clean_query(text: str | None, *, max_length: int = 200) -> str:
    """Text from a search box or a filter parameter, safe to pass to the database:
    control characters (NUL included) become spaces, at most `max_length` kept."""
    text = (text or "")[: max_length * 2]
    return text.translate(_CONTROL_CHARACTERS).strip()[:max_length]
