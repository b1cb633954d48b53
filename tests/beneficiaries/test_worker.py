import time

import pytest
from django.core.management import call_command

from beneficiaries.models import CodingModelRecord
from beneficiaries.tasks import train_coding_model
from core.models import Municipality


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_real_worker_learns_the_coding_suggestions(real_worker):
    call_command("load_demo", verbosity=0)
    municipality = Municipality.objects.get(slug="baia-mare")
    CodingModelRecord.objects.all().delete()
    train_coding_model.delay(municipality.pk)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not CodingModelRecord.objects.exists():
        time.sleep(0.5)
    record = CodingModelRecord.objects.get()
    assert record.municipality == municipality
    assert record.trained_on > 100 and record.top3_accuracy is not None
