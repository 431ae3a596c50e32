from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Dutch full-text search that ignores accents ("Coban" finds "Cobán")."""

    dependencies = [("herentq", "0001_initial")]

    operations = [
        UnaccentExtension(),
        migrations.RunSQL(
            sql="""
                CREATE TEXT SEARCH CONFIGURATION herentq_dutch (COPY = pg_catalog.dutch);
                ALTER TEXT SEARCH CONFIGURATION herentq_dutch
                    ALTER MAPPING FOR hword, hword_part, word
                    WITH unaccent, dutch_stem;
            """,
            reverse_sql="DROP TEXT SEARCH CONFIGURATION herentq_dutch;",
        ),
    ]
