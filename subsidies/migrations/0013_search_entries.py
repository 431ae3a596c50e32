from django.db import migrations

from herentq.search import search_entries_sql

# The site-wide search's entries of the subsidy schemes and of the register
# (herentq migration 0014). A file has an entry only while it stands in the
# register (the condition of its partial indexes, migration 0011): the drafts
# and files under review, most of the table, stay out.
IN_REGISTER = (
    "{row}.decision = 'approved' AND {row}.decision_date IS NOT NULL"
    " AND {row}.status <> 'withdrawn'"
)
LANGUAGES = ("nl_be", "fr", "en")


def every_language(*names: str) -> list[str]:
    return [f"{name}_{language}" for name in names for language in LANGUAGES]


class Migration(migrations.Migration):
    dependencies = [
        ("subsidies", "0012_search_words"),
        ("herentq", "0014_search_entries"),
    ]

    operations = [
        migrations.RunSQL(
            *search_entries_sql(
                "subsidies",
                "subsidies_scheme",
                title=every_language("name"),
                text=every_language("name", "summary", "description"),
            )
        ),
        migrations.RunSQL(
            *search_entries_sql(
                "subsidieregister",
                "subsidies_application",
                title="search_title",
                text="search_title",
                vector="search_vector",
                where=IN_REGISTER,
            )
        ),
    ]
