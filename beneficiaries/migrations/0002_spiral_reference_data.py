"""Load the SPIRAL families and dimensions (editable afterwards; `verified` marks checked labels)."""

from django.db import migrations

from beneficiaries import reference_data


def load(apps, schema_editor):
    Family = apps.get_model("beneficiaries", "SpiralFamily")
    Dimension = apps.get_model("beneficiaries", "SpiralDimension")
    families = {}
    for item in reference_data.FAMILIES:
        families[item["code"]], _ = Family.objects.update_or_create(
            code=item["code"],
            defaults={k: item[k] for k in ("name_ro", "name_en", "verified")},
        )
    for item in reference_data.DIMENSIONS:
        Dimension.objects.update_or_create(
            code=item["code"],
            defaults={
                "family": families[item["family"]],
                **{k: item[k] for k in ("name_ro", "name_en", "verified")},
            },
        )


def unload(apps, schema_editor):
    apps.get_model("beneficiaries", "SpiralDimension").objects.all().delete()
    apps.get_model("beneficiaries", "SpiralFamily").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("beneficiaries", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
