"""Measures' nomenclature codes typed before they were normalised (`8891cz-c-ii`) get the
guide's spelling (`8891 CZ-C-II`), so that the plan and the guide write a code the same way."""

from django.db import migrations


def normalise(apps, schema_editor):
    from consultations.validators import normalise_nomenclature_code

    Measure = apps.get_model("actionplans", "Measure")
    changed = []
    for measure in Measure.objects.exclude(service_code="").only("pk", "service_code"):
        code = normalise_nomenclature_code(measure.service_code)
        if code != measure.service_code:
            measure.service_code = code
            changed.append(measure)
    Measure.objects.bulk_update(changed, ["service_code"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("actionplans", "0004_vote_decision_required")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
