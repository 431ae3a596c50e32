from django.db import migrations

from herentq.reference_data import ensure_reference_data


def load(apps, schema_editor):
    ensure_reference_data(apps.get_model("herentq", "SDG"), apps.get_model("auth", "Group"))


class Migration(migrations.Migration):
    dependencies = [
        ("herentq", "0002_dutch_search"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
