from django.db import migrations

from herentq.search import stored_columns_sql

# The site-wide search (council.apps search_kinds) reads stored columns that
# PostgreSQL computes itself on every insert and update (generated columns):
# `search_title` and `search_text`, the normalised title and whole text (as
# `herentq.search.document()` wrote them in the expression indexes they
# replace), and `search_vector`, the Dutch full-text vector. Ranking reads
# them instead of normalising every matching row's text again. They are not
# model fields (history, exports and forms stay as they were);
# herentq.search.stored() names them in a query.
KINDS = [
    ("council_agendaitem", "council_item_site", ["title"], ["title", "description"]),
    ("council_minutesversionentry", "council_minutes_site", ["title"], ["title", "text"]),
    (
        "council_advice",
        "council_advice_site",
        ["subject_text"],
        ["subject_text", "text", "motivation"],
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0006_search_indexes_for_every_kind"),
        ("herentq", "0012_word_similarity_cost"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="advice", name="council_advice_trgm"),
        migrations.RemoveIndex(model_name="advice", name="council_advice_title_trgm"),
        migrations.RemoveIndex(
            model_name="agendaitem", name="council_item_search_trgm"
        ),
        migrations.RemoveIndex(model_name="agendaitem", name="council_item_search"),
        migrations.RemoveIndex(model_name="agendaitem", name="council_item_title_trgm"),
        migrations.RemoveIndex(
            model_name="minutesversionentry", name="council_minutes_trgm"
        ),
        migrations.RemoveIndex(
            model_name="minutesversionentry", name="council_minutes_title_trgm"
        ),
        *(
            migrations.RunSQL(
                *stored_columns_sql(
                    table, title=title, text=text, vector=True, index=index
                )
            )
            for table, index, title, text in KINDS
        ),
    ]
