from django.db import migrations

# The stored search text gains the French and English columns (what
# services.partnership_refresh_search now writes; `manage.py
# rebuild_partnership_search` rebuilds it in full, country names included).
APPEND_TRANSLATIONS = """
UPDATE partnerships_partnership AS p SET search_text = concat_ws(' ',
    p.search_text,
    herentq_search_text(concat_ws(' ',
        p.title_fr, p.title_en, p.summary_fr, p.summary_en, p.body_fr, p.body_en,
        (SELECT string_agg(concat_ws(' ', a.summary_fr, a.summary_en), ' ')
         FROM partnerships_agreement AS a WHERE a.partnership_id = p.id))))
WHERE concat(p.title_fr, p.title_en, p.summary_fr, p.summary_en, p.body_fr,
    p.body_en) <> ''
"""


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0007_merge_0006_content_translations_0006_forgiving_search"),
    ]

    operations = [
        migrations.RunSQL(APPEND_TRANSLATIONS, reverse_sql=migrations.RunSQL.noop),
    ]
