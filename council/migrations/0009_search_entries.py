from django.db import migrations

from herentq.search import search_entries_sql

# The site-wide search's entries of the GROSH's agenda items, minutes entries and
# advice (herentq migration 0014): kept by a trigger from the stored columns.
KINDS = [
    ("vergaderingen", "council_agendaitem"),
    ("verslagen", "council_minutesversionentry"),
    ("adviezen", "council_advice"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0008_search_words"),
        ("herentq", "0014_search_entries"),
    ]

    operations = [
        migrations.RunSQL(
            *search_entries_sql(
                kind,
                table,
                title="search_title",
                text="search_text",
                vector="search_vector",
            )
        )
        for kind, table in KINDS
    ]
