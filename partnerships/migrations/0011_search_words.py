from django.db import migrations

from herentq.search import search_words_sql

# The words of the stored search texts join the site's known words (herentq
# migration 0013): a typed word with a typo is resolved to them first.
TABLES = [
    ("partnerships_partnership", "search_text"),
    ("partnerships_partnerplace", "search_text"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0010_search_stored_title_and_places"),
        ("herentq", "0013_search_words"),
    ]

    operations = [
        migrations.RunSQL(*search_words_sql(table, column)) for table, column in TABLES
    ]
