"""Dutch, accent-insensitive full-text search shared by every app.

Migration 0001 of the core creates the `unaccent` extension and the text search
configuration below: Dutch stemming after `unaccent`, so "Coban" finds "Cobán".
"""

SEARCH_CONFIG = "herentq_dutch"
