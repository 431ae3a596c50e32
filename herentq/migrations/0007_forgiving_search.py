from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# Text as people type it: no accents, lower case, apostrophes dropped ("Nimlaha'kok"
# is "nimlahakok"), other punctuation a space. IMMUTABLE (unaccent with its
# dictionary named) so trigram indexes can be built on it.
SEARCH_TEXT_FUNCTION = r"""
CREATE FUNCTION herentq_search_text(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT btrim(regexp_replace(regexp_replace(
        lower(public.unaccent('public.unaccent'::regdictionary, $1)),
        '[''`´ʼ’‘]', '', 'g'),
        '[[:punct:][:space:]–—…«»“”„·]+', ' ', 'g'))
$$;
"""


class Migration(migrations.Migration):
    """pg_trgm and the normalisation the forgiving search shares (herentq.search)."""

    dependencies = [("herentq", "0006_sent_reminders_and_mail_preferences")]

    operations = [
        TrigramExtension(),
        migrations.RunSQL(
            SEARCH_TEXT_FUNCTION,
            reverse_sql="DROP FUNCTION herentq_search_text(text);",
        ),
    ]
