from django.db import migrations

from herentq.search import search_words_sql

# The words of the stored search texts join the site's known words (herentq
# migration 0013): a typed word with a typo is resolved to them first.
TABLES = [
    ("learning_tracks_track", "search_text"),
    ("learning_tracks_session", "search_text"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("learning_tracks", "0006_search_stored_columns"),
        ("herentq", "0013_search_words"),
    ]

    operations = [
        migrations.RunSQL(*search_words_sql(table, column)) for table, column in TABLES
    ]
