from django.db import migrations

from herentq.search import search_words_sql

# The words of the stored search texts join the site's known words (herentq
# migration 0013): a typed word with a typo is resolved to them first.
TABLES = [
    ("subsidies_application", "search_title"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("subsidies", "0011_search_stored_columns"),
        ("herentq", "0013_search_words"),
    ]

    operations = [
        migrations.RunSQL(*search_words_sql(table, column)) for table, column in TABLES
    ]
