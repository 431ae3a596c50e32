from django.db import migrations

from herentq.search import stored_columns_sql

# The site-wide search reads stored, indexed normalised texts of the tracks and
# their sessions in every language (generated columns, not model fields: see
# council 0007) instead of normalising every row's long texts per search.
LANGUAGES = ("nl_be", "fr", "en")


def every_language(*names: str) -> list[str]:
    return [f"{name}_{language}" for name in names for language in LANGUAGES]


class Migration(migrations.Migration):
    dependencies = [
        ("learning_tracks", "0005_newsletter_translations"),
        ("herentq", "0012_word_similarity_cost"),
    ]

    operations = [
        migrations.RunSQL(
            *stored_columns_sql(
                "learning_tracks_track",
                title=every_language("title"),
                text=every_language("title", "summary", "objectives"),
                index="track_site",
            )
        ),
        migrations.RunSQL(
            *stored_columns_sql(
                "learning_tracks_session",
                title=every_language("topic"),
                text=[*every_language("topic", "description"), "location"],
                index="session_site",
            )
        ),
    ]
