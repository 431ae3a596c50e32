from django.db import migrations

from herentq.search import search_entries_sql

# The site-wide search's entries of the tracks and their sessions (herentq
# migration 0014): kept by a trigger from the stored columns.
KINDS = [
    ("leertrajecten", "learning_tracks_track"),
    ("sessies", "learning_tracks_session"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("learning_tracks", "0007_search_words"),
        ("herentq", "0014_search_entries"),
    ]

    operations = [
        migrations.RunSQL(
            *search_entries_sql(
                kind, table, title="search_title", text="search_text"
            )
        )
        for kind, table in KINDS
    ]
