"""The demo and the benchmark volumes of the providers' stage."""

import pytest
from django.apps import apps
from django.core.management import call_command

from beneficiaries.models import BeneficiaryCategory
from consultations.models import (
    Answer,
    ConsultationRound,
    QuestionKind,
    RoundResponse,
    ServiceChange,
    SocialService,
    WorkingGroup,
)
from consultations.validators import is_valid_cif, validate_nomenclature_code
from core.models import Membership, Municipality, Organisation, Role, StrategyCycle

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    """Rows of every model of the stage and of its history, so a second run must add none."""
    return {
        model._meta.label: model.objects.count()
        for app in ("core", "consultations")
        for model in apps.get_app_config(app).get_models()
    }


@pytest.fixture
def demo(capsys):
    call_command("load_demo")
    capsys.readouterr()
    return Municipality.objects.get(slug="baia-mare")


def test_a_second_run_of_the_demo_changes_nothing_not_even_the_history(demo):
    first = row_counts()
    call_command("load_demo", verbosity=0)
    assert row_counts() == first


def test_demo_providers_have_valid_fiscal_codes_contacts_and_services(demo):
    organisations = list(Organisation.objects.filter(municipality=demo))
    assert len(organisations) >= 12
    assert all(is_valid_cif(o.cif) for o in organisations)
    assert len({o.cif for o in organisations}) == len(organisations)
    assert all(o.contact_person and o.email and o.phone for o in organisations)
    assert all(o.zones_served.exists() for o in organisations)
    accredited = [o for o in organisations if o.accreditation_number]
    assert len(organisations) > len(accredited) >= 8
    assert all(o.accreditation_date for o in accredited)

    guide = SocialService.objects.approved().filter(municipality=demo)
    assert guide.count() >= 18
    for service in guide:
        validate_nomenclature_code(service.code)
    assert guide.licence_expiring().count() >= 2
    pending = ServiceChange.objects.get(municipality=demo, status=ServiceChange.Status.PENDING)
    assert pending.submitted_by.memberships.filter(organisation=pending.organisation).exists()

    logins = Membership.objects.filter(
        municipality=demo, role=Role.PROVIDER, user__username__startswith="furnizor"
    ).exclude(user__password__startswith="!")
    assert logins.values("organisation").distinct().count() >= 2
    assert logins.filter(is_organisation_admin=True).exists()
    assert logins.filter(is_organisation_admin=False).exists()


def test_demo_round_is_closed_with_submitted_answers_of_every_kind(demo):
    cycle = StrategyCycle.objects.get(municipality=demo)
    consultation = ConsultationRound.objects.get(
        cycle=cycle, title="Consultarea furnizorilor privind nevoile neacoperite 2026"
    )
    assert consultation.published and consultation.is_closed()
    assert consultation.opening_notified_at is not None  # the beat e-mails nobody
    assert consultation.invited.count() == Organisation.objects.filter(municipality=demo).count()
    submitted = RoundResponse.objects.submitted().filter(round=consultation)
    assert submitted.count() >= 8
    assert RoundResponse.objects.filter(round=consultation, submitted_at__isnull=True).exists()

    answers = Answer.objects.filter(response__in=submitted).select_related(
        "question", "response__organisation"
    )
    assert {a.question.kind for a in answers} == set(QuestionKind.values)
    selected = set(
        BeneficiaryCategory.objects.filter(municipality=demo, selected=True).values_list(
            "pk", flat=True
        )
    )
    for answer in answers:
        kind, value = answer.question.kind, answer.value
        if kind == QuestionKind.TEXT:
            assert answer.text
        elif kind == QuestionKind.SINGLE:
            assert value in answer.question.choices
        elif kind == QuestionKind.MULTIPLE:
            assert value and set(value) <= set(answer.question.choices)
        elif kind == QuestionKind.SCALE:
            assert value in range(1, 6)
        else:
            own = set(
                SocialService.objects.approved()
                .filter(organisation=answer.response.organisation)
                .values_list("pk", flat=True)
            )
            assert {int(service) for service in value} == own
            assert all({int(c) for c in row} == selected for row in value.values())
    assert answers.filter(dimensions__isnull=False).exists()
    assert answers.filter(themes__isnull=False).exists()

    draft = ConsultationRound.objects.get(cycle=cycle, published=False)
    assert draft.questions.count() == 3 and not draft.responses.exists()


def test_demo_has_two_working_groups_with_minutes_and_adopted_proposals(demo):
    groups = WorkingGroup.objects.filter(municipality=demo).prefetch_related(
        "members", "meetings", "proposals"
    )
    assert groups.count() == 2
    for group in groups:
        assert 3 <= group.members.count() <= 5
        assert group.meetings.count() == 2
        assert any(meeting.minutes for meeting in group.meetings.all())
        adopted = group.proposals.filter(status="adopted")
        assert adopted.exists()
        assert all(p.meeting and p.dimensions.exists() for p in adopted)


def test_demo_cycle_passes_the_provider_consultation_checks(demo):
    from core.stages import get_stage

    cycle = StrategyCycle.objects.get(municipality=demo)
    results = get_stage("provider_consultation").run_checks(cycle)
    assert results and all(result.done for _check, result in results)


def test_seed_scale_small_adds_services_a_round_with_responses_and_groups():
    call_command("seed_scale", "--scale", "small", verbosity=0)
    municipality = Municipality.objects.get(slug="bench-small")
    organisations = municipality.organisations.count()
    services = SocialService.objects.filter(municipality=municipality)
    assert services.count() == 3 * organisations
    assert services.approved().licence_expiring().exists()
    for code in services.values_list("code", flat=True).distinct():
        validate_nomenclature_code(code)
    consultation = ConsultationRound.objects.get(municipality=municipality)
    assert consultation.is_closed()
    assert set(consultation.questions.values_list("kind", flat=True)) == set(QuestionKind.values)
    assert consultation.responses.submitted().count() >= organisations // 2
    assert Answer.objects.filter(response__round=consultation, dimensions__isnull=False).exists()
    assert WorkingGroup.objects.filter(municipality=municipality).count() == 2
    assert not WorkingGroup.objects.filter(
        municipality=municipality, meetings__isnull=True
    ).exists()
