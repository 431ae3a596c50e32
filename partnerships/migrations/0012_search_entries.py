from django.db import migrations

from herentq.search import search_entries_sql

# The site-wide search's entries of the partnerships and their partner places
# (herentq migration 0014): kept by a trigger from the stored columns.


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0011_search_words"),
        ("herentq", "0014_search_entries"),
    ]

    operations = [
        migrations.RunSQL(
            *search_entries_sql(
                "partnerschappen",
                "partnerships_partnership",
                title="search_title",
                text="search_text",
                vector="search_vector",
            )
        ),
        migrations.RunSQL(
            *search_entries_sql(
                "partnerplaatsen",
                "partnerships_partnerplace",
                title="search_title",
                text="search_text",
            )
        ),
    ]
