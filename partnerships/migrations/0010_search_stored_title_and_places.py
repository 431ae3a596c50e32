from django.db import migrations

from herentq.search import stored_columns_sql

# The site-wide search reads stored, indexed normalised texts (generated
# columns, not model fields: see council 0007): the partnerships' titles in
# every language (ranking read them normalised again for every match; their
# whole text is the `search_text` field) and the partner places' names.


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0009_search_text_without_planner_statistics"),
        ("herentq", "0012_word_similarity_cost"),
    ]

    operations = [
        migrations.RunSQL(
            *stored_columns_sql(
                "partnerships_partnership",
                title=["title_nl_be", "title_fr", "title_en"],
                index="partnership_site",
            )
        ),
        migrations.RunSQL(
            *stored_columns_sql(
                "partnerships_partnerplace",
                title=["name", "other_names"],
                text=["name", "other_names", "area"],
                index="place_site",
            )
        ),
    ]
