from django.db import migrations

from herentq.search import search_words_sql

# The known words (herentq migration 0013) now come from the site-wide search's
# entries (herentq migration 0014), which hold these texts too: this table's own
# trigger only wrote the same words a second time on every write.
TABLES = [
    ("learning_tracks_track", "search_text"),
    ("learning_tracks_session", "search_text"),
]


class Migration(migrations.Migration):
    dependencies = [("learning_tracks", "0008_search_entries")]

    operations = [
        migrations.RunSQL(
            search_words_sql(table, column)[1],
            reverse_sql=search_words_sql(table, column)[0],
        )
        for table, column in TABLES
    ]
