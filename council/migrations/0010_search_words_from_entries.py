from django.db import migrations

from herentq.search import search_words_sql

# The known words (herentq migration 0013) now come from the site-wide search's
# entries (herentq migration 0014), which hold these texts too: this table's own
# trigger only wrote the same words a second time on every write.
TABLES = [
    ("council_agendaitem", "search_text"),
    ("council_minutesversionentry", "search_text"),
    ("council_advice", "search_text"),
]


class Migration(migrations.Migration):
    dependencies = [("council", "0009_search_entries")]

    operations = [
        migrations.RunSQL(
            search_words_sql(table, column)[1],
            reverse_sql=search_words_sql(table, column)[0],
        )
        for table, column in TABLES
    ]
