from django.db import migrations

# pg_trgm declares its word similarity operator (`%>`, which the forgiving
# search uses) as cheap as comparing two integers, so for a table of a few
# hundred or thousand rows the planner would rather compute it on every row
# (100 ms for the GROSH's agenda items, 16 ms for the learning tracks) than
# read the trigram index (under 1 ms). Its true cost is that of reading the
# whole text, tens to hundreds of microseconds: COST 1000 (in units of
# cpu_operator_cost) tells the planner so. A database where the migrating role
# does not own pg_trgm keeps the default (a notice).
SET_COST = """
DO $$
BEGIN
    ALTER FUNCTION word_similarity_commutator_op(text, text) COST {cost};
    ALTER FUNCTION word_similarity_op(text, text) COST {cost};
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'pg_trgm is not ours: the word similarity keeps its cost';
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("herentq", "0011_mail_preference_language")]

    operations = [
        migrations.RunSQL(
            SET_COST.format(cost=1000), reverse_sql=SET_COST.format(cost=1)
        ),
    ]
