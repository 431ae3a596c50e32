from django.db import migrations

from herentq.search import search_words_sql

# The known words (herentq migration 0013) now come from the site-wide search's
# entries (herentq migration 0014), which hold these texts too: this table's own
# trigger only wrote the same words a second time on every write.
TABLES = [
    ("subsidies_application", "search_title"),
]


class Migration(migrations.Migration):
    dependencies = [("subsidies", "0013_search_entries")]

    operations = [
        migrations.RunSQL(
            search_words_sql(table, column)[1],
            reverse_sql=search_words_sql(table, column)[0],
        )
        for table, column in TABLES
    ]
