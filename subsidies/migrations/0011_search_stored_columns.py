from django.db import migrations

# The register's kind of the site-wide search (subsidies.apps search_kinds)
# reads stored columns that PostgreSQL computes on every insert and update
# (generated columns, not model fields: see council 0007): `search_title`, the
# normalised project title (also the whole text searched), and `search_vector`,
# its Dutch full-text vector; both indexed for the register's rows only.
IN_REGISTER = (
    "decision = 'approved' AND decision_date IS NOT NULL AND status <> 'withdrawn'"
)
COLUMNS = f"""
ALTER TABLE subsidies_application
    ADD COLUMN search_title text GENERATED ALWAYS AS
        (herentq_search_text(title::text)) STORED,
    ADD COLUMN search_vector tsvector GENERATED ALWAYS AS
        (to_tsvector('herentq_dutch'::regconfig, COALESCE(title::text, ''))) STORED;
ALTER TABLE subsidies_application ALTER COLUMN search_title SET STATISTICS 0;
CREATE INDEX application_register_title_trgm ON subsidies_application
    USING gin (search_title gin_trgm_ops) WHERE {IN_REGISTER};
CREATE INDEX application_register_vector ON subsidies_application
    USING gin (search_vector) WHERE {IN_REGISTER};
"""
DROP = """
ALTER TABLE subsidies_application DROP COLUMN search_title,
    DROP COLUMN search_vector;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("subsidies", "0010_register_search_partial_indexes"),
        ("herentq", "0012_word_similarity_cost"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="application", name="application_register_trgm"
        ),
        migrations.RemoveIndex(
            model_name="application", name="application_register_search"
        ),
        migrations.RunSQL(COLUMNS, reverse_sql=DROP),
    ]
