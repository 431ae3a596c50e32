from django.db import migrations

# The planner estimated the forgiving match (`%>`, LIKE) on the stored search
# text from a histogram of whole documents: a third of the table whatever the
# word, so it read every row and computed the word similarity of each long
# document (0.4-1.7 s at bench volume), and evaluating `%>` on that histogram
# alone cost 20-40 ms of planning per search. Without statistics on the column
# the planner takes pg_trgm's default estimates and reads the trigram index.
# Changing the column's type to itself drops the statistics gathered so far
# (no rewrite: the type is the same; the trigram index is rebuilt).
NO_STATISTICS = """
ALTER TABLE partnerships_partnership ALTER COLUMN search_text TYPE text;
ALTER TABLE partnerships_partnership ALTER COLUMN search_text SET STATISTICS 0;
"""
DEFAULT_STATISTICS = """
ALTER TABLE partnerships_partnership ALTER COLUMN search_text SET STATISTICS -1;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0008_search_text_in_three_languages"),
    ]

    operations = [
        migrations.RunSQL(NO_STATISTICS, reverse_sql=DEFAULT_STATISTICS),
    ]
