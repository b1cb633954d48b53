"""Load the SPIRAL families and dimensions (editable afterwards; `verified` marks checked labels)."""

from django.db import migrations

from beneficiaries.reference_data import load_reference_data


def load(apps, schema_editor):
    load_reference_data(
        apps.get_model("beneficiaries", "SpiralFamily"),
        apps.get_model("beneficiaries", "SpiralDimension"),
    )


def unload(apps, schema_editor):
    apps.get_model("beneficiaries", "SpiralDimension").objects.all().delete()
    apps.get_model("beneficiaries", "SpiralFamily").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("beneficiaries", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
