"""Providers answer a consultation round: drafts, submission, deadline, one response each."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consultations import rounds
from consultations.models import Answer, RoundResponse
from core.exceptions import DomainError
from tests.conftest import client_for
from tests.factories import (
    BeneficiaryCategoryFactory,
    ConsultationRoundFactory,
    MembershipFactory,
    RoundQuestionFactory,
    RoundResponseFactory,
    SocialServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def provider_consultation(world):
    """Both municipalities' cycles in the provider consultation, the stage in which providers
    respond to rounds."""
    for cycle in (world.cycle, world.other_cycle):
        cycle.active_stage = "provider_consultation"
        cycle.save()


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def consultation(world):
    return ConsultationRoundFactory(
        municipality=world.municipality,
        cycle=world.cycle,
        title="Consultarea furnizorilor 2027",
        invited=[world.org_a, world.org_b],
    )


def respond_url(consultation):
    return reverse("provider-round-respond", args=[consultation.municipality.slug, consultation.pk])


def post(client, consultation, data, action="draft"):
    return client.post(respond_url(consultation), {**data, "action": action})


def answer_of(consultation, organisation, question):
    return Answer.objects.get(
        response__round=consultation, response__organisation=organisation, question=question
    )


# --- Each kind of question, saved as a draft and then submitted ------------------------------


def test_a_text_answer_is_saved_as_draft_then_submitted_and_shown_again(world, consultation):
    question = RoundQuestionFactory(round=consultation, kind="text", text="Ce nevoi vedeți?")
    client = english(client_for(world.users["provider_a"]))
    field = f"q{question.pk}"
    response = post(client, consultation, {field: "Locuințe protejate"})
    assert response.status_code == 302
    saved = RoundResponse.objects.get(round=consultation, organisation=world.org_a)
    assert saved.submitted_at is None
    assert answer_of(consultation, world.org_a, question).text == "Locuințe protejate"
    page = client.get(respond_url(consultation)).content.decode()
    assert "Locuințe protejate" in page and "not submitted" in page

    post(client, consultation, {field: "Locuințe protejate și centre de zi"}, action="submit")
    saved.refresh_from_db()
    assert saved.submitted_at is not None and saved.submitted_by == world.users["provider_a"]
    assert answer_of(consultation, world.org_a, question).text.endswith("centre de zi")
    page = client.get(respond_url(consultation)).content.decode()
    assert "centre de zi" in page and "submitted" in page


def test_a_single_choice_answer_round_trips(world, consultation):
    question = RoundQuestionFactory(round=consultation, kind="single", choices=["Da", "Nu"])
    client = client_for(world.users["provider_a"])
    post(client, consultation, {f"q{question.pk}": "Nu"})
    assert answer_of(consultation, world.org_a, question).value == "Nu"
    post(client, consultation, {f"q{question.pk}": "Da"}, action="submit")
    assert answer_of(consultation, world.org_a, question).value == "Da"
    form = client.get(respond_url(consultation)).context["form"]
    assert form[f"q{question.pk}"].value() == "Da"
    assert 'value="Da" ' in str(form[f"q{question.pk}"]) and "checked" in str(
        form[f"q{question.pk}"]
    )


def test_a_multiple_choice_answer_round_trips_in_the_order_of_the_options(world, consultation):
    question = RoundQuestionFactory(
        round=consultation,
        kind="multiple",
        choices=["Copii", "Vârstnici", "Persoane cu dizabilități"],
    )
    client = client_for(world.users["provider_a"])
    post(client, consultation, {f"q{question.pk}": ["Persoane cu dizabilități", "Copii"]})
    assert answer_of(consultation, world.org_a, question).value == [
        "Copii",
        "Persoane cu dizabilități",
    ]
    post(client, consultation, {f"q{question.pk}": ["Vârstnici"]}, action="submit")
    assert answer_of(consultation, world.org_a, question).value == ["Vârstnici"]
    form = client.get(respond_url(consultation)).context["form"]
    assert form[f"q{question.pk}"].value() == ["Vârstnici"]


def test_a_scale_answer_round_trips_and_rejects_values_outside_one_to_five(world, consultation):
    question = RoundQuestionFactory(round=consultation, kind="scale", text="Cât de acoperite?")
    client = client_for(world.users["provider_a"])
    post(client, consultation, {f"q{question.pk}": "4"})
    assert answer_of(consultation, world.org_a, question).value == 4
    post(client, consultation, {f"q{question.pk}": "2"}, action="submit")
    assert answer_of(consultation, world.org_a, question).value == 2
    assert client.get(respond_url(consultation)).context["form"][f"q{question.pk}"].value() == 2

    response = post(client, consultation, {f"q{question.pk}": "7"}, action="submit")
    assert response.status_code == 400
    assert f"q{question.pk}" in response.context["form"].errors
    assert answer_of(consultation, world.org_a, question).value == 2


def test_a_matrix_answer_has_a_row_per_approved_service_and_a_column_per_category(
    world, consultation
):
    children = BeneficiaryCategoryFactory(
        municipality=world.municipality, key="copii", name="Copii"
    )
    elderly = BeneficiaryCategoryFactory(municipality=world.municipality, key="varstnici")
    BeneficiaryCategoryFactory(
        municipality=world.municipality, key="neconsultati", name="Neconsultați", selected=False
    )
    day_centre = SocialServiceFactory(
        municipality=world.municipality, organisation=world.org_a, name="Centrul de zi Alfa"
    )
    SocialServiceFactory(
        municipality=world.municipality,
        organisation=world.org_a,
        name="Serviciu neaprobat",
        approved_at=None,
    )
    SocialServiceFactory(
        municipality=world.municipality, organisation=world.org_b, name="Centrul Beta"
    )
    question = RoundQuestionFactory(round=consultation, kind="matrix", text="Beneficiari")
    client = english(client_for(world.users["provider_a"]))
    page = client.get(respond_url(consultation)).content.decode()
    assert "Centrul de zi Alfa" in page and "Copii" in page and "Vârstnici" in page
    assert "Serviciu neaprobat" not in page and "Centrul Beta" not in page
    assert "Neconsultați" not in page

    cell = f"q{question.pk}_{day_centre.pk}_{children.pk}"
    other_cell = f"q{question.pk}_{day_centre.pk}_{elderly.pk}"
    post(client, consultation, {cell: "12", other_cell: ""})
    assert answer_of(consultation, world.org_a, question).value == {
        str(day_centre.pk): {str(children.pk): 12}
    }
    post(client, consultation, {cell: "12", other_cell: "0"}, action="submit")
    assert answer_of(consultation, world.org_a, question).value == {
        str(day_centre.pk): {str(children.pk): 12, str(elderly.pk): 0}
    }
    form = client.get(respond_url(consultation)).context["form"]
    assert form[cell].value() == 12 and form[other_cell].value() == 0

    response = post(client, consultation, {cell: "-3"}, action="submit")
    assert response.status_code == 400
    assert cell in response.context["form"].errors


def test_a_matrix_question_explains_itself_to_an_organisation_without_services(world, consultation):
    BeneficiaryCategoryFactory(municipality=world.municipality, key="copii", name="Copii")
    RoundQuestionFactory(round=consultation, kind="matrix", required=True)
    client = english(client_for(world.users["provider_b"]))
    page = client.get(respond_url(consultation)).content.decode()
    assert "no approved service in the guide" in page
    # A required table it cannot fill does not stop the organisation from submitting.
    assert post(client, consultation, {}, action="submit").status_code == 302
    assert RoundResponse.objects.get(organisation=world.org_b).is_submitted


# --- Required answers, the deadline, one response per organisation ---------------------------


def test_a_required_question_left_blank_is_named_and_nothing_is_submitted(world, consultation):
    optional = RoundQuestionFactory(round=consultation, kind="text", text="Altceva?")
    required = RoundQuestionFactory(
        round=consultation, kind="text", text="Ce servicii lipsesc?", required=True
    )
    client = english(client_for(world.users["provider_a"]))
    response = post(client, consultation, {f"q{optional.pk}": "Nimic"}, action="submit")
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[f"q{required.pk}"] == ["Answer this question before submitting."]
    assert "Ce servicii lipsesc?" in " ".join(form.non_field_errors())
    assert f"q{optional.pk}" not in form.errors
    assert not RoundResponse.objects.exists() and not Answer.objects.exists()
    # What was typed is shown again, so nothing is lost.
    assert "Nimic" in response.content.decode()

    # A draft may be incomplete.
    assert post(client, consultation, {f"q{optional.pk}": "Nimic"}).status_code == 302
    assert RoundResponse.objects.get().submitted_at is None


def test_a_submitted_response_can_be_amended_and_resubmitted_until_the_deadline(
    world, consultation
):
    question = RoundQuestionFactory(round=consultation, kind="text")
    client = english(client_for(world.users["provider_a"]))
    post(client, consultation, {f"q{question.pk}": "Prima versiune"}, action="submit")
    first = RoundResponse.objects.get()
    page = client.get(respond_url(consultation)).content.decode()
    assert "You can still change it and submit it again until" in page
    assert "Submit the changed response" in page and 'value="draft"' not in page

    post(client, consultation, {f"q{question.pk}": "A doua versiune"}, action="submit")
    second = RoundResponse.objects.get()
    assert second.pk == first.pk and second.submitted_at >= first.submitted_at
    assert answer_of(consultation, world.org_a, question).text == "A doua versiune"

    # A submitted response does not silently go back to a draft.
    response = post(client, consultation, {f"q{question.pk}": "Ciornă"}, action="draft")
    assert response.status_code == 400
    assert answer_of(consultation, world.org_a, question).text == "A doua versiune"
    assert RoundResponse.objects.get().is_submitted


def test_submitting_sends_a_receipt_by_e_mail(
    world, consultation, django_capture_on_commit_callbacks
):
    question = RoundQuestionFactory(round=consultation, kind="text")
    world.users["provider_a"].email = "ana@alfa.ro"
    world.users["provider_a"].save()
    client = client_for(world.users["provider_a"])
    with django_capture_on_commit_callbacks(execute=True):
        post(client, consultation, {f"q{question.pk}": "Draft"})
    assert mail.outbox == []  # a draft sends nothing
    with django_capture_on_commit_callbacks(execute=True):
        post(client, consultation, {f"q{question.pk}": "Gata"}, action="submit")
    response = RoundResponse.objects.get()
    assert [m.to for m in mail.outbox] == [["ana@alfa.ro"]]
    assert f"R{consultation.pk}-{response.pk}" in mail.outbox[0].body


def test_a_closed_round_shows_the_deadline_and_refuses_a_post(world, consultation):
    question = RoundQuestionFactory(round=consultation, kind="text")
    response_ = rounds.save_response(
        round=consultation,
        organisation=world.org_a,
        user=world.users["provider_a"],
        answers={question.pk: "Răspunsul trimis la timp"},
        submit=True,
    )
    closes = datetime.datetime(2025, 12, 3, 15, 0, tzinfo=datetime.UTC)  # 17:00 in Bucharest
    consultation.opens_at = closes - datetime.timedelta(days=10)
    consultation.closes_at = closes
    consultation.save()
    client = english(client_for(world.users["provider_a"]))
    message = (
        "This consultation closed on 3 December 2025, 17:00; responses can no longer be changed."
    )
    page = client.get(respond_url(consultation))
    assert page.status_code == 200
    html = page.content.decode()
    assert message in html and "Răspunsul trimis la timp" in html
    assert 'name="action"' not in html

    refused = post(client, consultation, {f"q{question.pk}": "Prea târziu"}, action="submit")
    assert refused.status_code == 400 and message in refused.content.decode()
    assert answer_of(consultation, world.org_a, question).text == "Răspunsul trimis la timp"
    assert RoundResponse.objects.get().submitted_at == response_.submitted_at

    # Another organisation that never answered cannot start after the deadline either.
    late = post(client_for(world.users["provider_b"]), consultation, {}, action="draft")
    assert late.status_code == 400
    assert not RoundResponse.objects.filter(organisation=world.org_b).exists()


def test_a_round_closed_a_minute_ago_refuses_writes(world, consultation):
    question = RoundQuestionFactory(round=consultation, kind="text")
    consultation.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    consultation.save()
    client = english(client_for(world.users["provider_a"]))
    response = post(client, consultation, {f"q{question.pk}": "Târziu"}, action="submit")
    assert response.status_code == 400
    assert "responses can no longer be changed" in response.content.decode()
    assert not RoundResponse.objects.exists()
    with pytest.raises(DomainError):
        rounds.save_response(
            round=consultation,
            organisation=world.org_a,
            user=world.users["provider_a"],
            answers={question.pk: "Târziu"},
            submit=False,
        )
    assert not RoundResponse.objects.exists()


def test_a_round_not_yet_open_shows_when_it_opens_and_refuses_a_post(world, consultation):
    question = RoundQuestionFactory(round=consultation, kind="text", text="Ce nevoi vedeți?")
    consultation.opens_at = timezone.now() + datetime.timedelta(days=2)
    consultation.closes_at = timezone.now() + datetime.timedelta(days=12)
    consultation.save()
    client = english(client_for(world.users["provider_a"]))
    page = client.get(respond_url(consultation)).content.decode()
    assert "This consultation opens on" in page
    assert "Ce nevoi vedeți?" in page  # the questions can be prepared in advance
    assert 'name="action"' not in page
    response = post(client, consultation, {f"q{question.pk}": "Prea devreme"})
    assert response.status_code == 400
    assert "This consultation opens on" in response.content.decode()
    assert not RoundResponse.objects.exists()


def stage_refusal(cycle) -> str:
    return (
        f"The strategy cycle “{cycle}” is in the stage “Strategic objectives”, which does not "
        "allow this. It is allowed in the stage “Provider consultation”."
    )


def test_an_open_round_takes_no_answer_once_the_cycle_has_left_the_provider_consultation(
    world, consultation
):
    question = RoundQuestionFactory(round=consultation, kind="text")
    draft = rounds.save_response(
        round=consultation,
        organisation=world.org_a,
        user=world.users["provider_a"],
        answers={question.pk: "Ciorna din consultare"},
        submit=False,
    )
    world.cycle.active_stage = "objectives"  # the round's dates still say it is open
    world.cycle.save()
    message = stage_refusal(world.cycle)
    client = english(client_for(world.users["provider_a"]))

    page = client.get(respond_url(consultation))
    assert page.status_code == 200
    html = page.content.decode()
    assert message in html and "Ciorna din consultare" in html
    assert 'name="action"' not in html and 'type="file"' not in html

    refused = post(client, consultation, {f"q{question.pk}": "Prea târziu"}, action="submit")
    assert refused.status_code == 403 and message in refused.content.decode()
    draft.refresh_from_db()
    assert draft.submitted_at is None
    assert answer_of(consultation, world.org_a, question).text == "Ciorna din consultare"

    # An organisation that never answered cannot start either.
    late = post(english(client_for(world.users["provider_b"])), consultation, {}, "draft")
    assert late.status_code == 403 and message in late.content.decode()
    assert not RoundResponse.objects.filter(organisation=world.org_b).exists()

    # Back in the provider consultation, the same draft can be submitted.
    world.cycle.active_stage = "provider_consultation"
    world.cycle.save()
    assert post(client, consultation, {f"q{question.pk}": "La timp"}, "submit").status_code == 302
    draft.refresh_from_db()
    assert draft.submitted_at is not None


def test_two_members_of_one_organisation_share_its_one_response(world, consultation):
    question = RoundQuestionFactory(round=consultation, kind="text")
    colleague = UserFactory(username="coleg_alfa")
    MembershipFactory(
        user=colleague, municipality=world.municipality, role="provider", organisation=world.org_a
    )
    post(client_for(world.users["provider_a"]), consultation, {f"q{question.pk}": "De la Ana"})
    colleague_client = client_for(colleague)
    form = colleague_client.get(respond_url(consultation)).context["form"]
    assert form[f"q{question.pk}"].value() == "De la Ana"
    post(colleague_client, consultation, {f"q{question.pk}": "Completat de coleg"}, "submit")
    response = RoundResponse.objects.get()
    assert response.organisation == world.org_a and response.submitted_by == colleague
    assert Answer.objects.get().text == "Completat de coleg"


def test_when_another_member_creates_the_response_first_the_save_joins_it(
    world, consultation, monkeypatch
):
    """The race of two members saving at once: the row appears between the lookup and the
    insert; the unique constraint refuses a second row and the save lands on the first."""
    from django.db.models import QuerySet

    question = RoundQuestionFactory(round=consultation, kind="text")
    first = RoundResponseFactory(round=consultation, organisation=world.org_a)
    original = QuerySet.first
    missed = []

    def miss_once(self):
        if self.model is RoundResponse and not missed:
            missed.append(True)
            return None
        return original(self)

    monkeypatch.setattr(QuerySet, "first", miss_once)
    saved = rounds.save_response(
        round=consultation,
        organisation=world.org_a,
        user=world.users["provider_a"],
        answers={question.pk: "Al doilea membru"},
        submit=False,
    )
    assert missed and saved.pk == first.pk
    assert RoundResponse.objects.filter(round=consultation, organisation=world.org_a).count() == 1
    assert Answer.objects.get(response=first).text == "Al doilea membru"


# --- Privacy --------------------------------------------------------------------------------


def test_a_provider_never_sees_another_organisations_draft(world, consultation):
    question = RoundQuestionFactory(round=consultation, kind="text")
    post(client_for(world.users["provider_a"]), consultation, {f"q{question.pk}": "Secret Alfa"})
    page = client_for(world.users["provider_b"]).get(respond_url(consultation))
    assert page.status_code == 200
    assert "Secret Alfa" not in page.content.decode()
    assert page.context["form"][f"q{question.pk}"].value() in ("", None)


def test_staff_see_that_a_draft_exists_but_not_its_content(world, consultation):
    question = RoundQuestionFactory(round=consultation, kind="text")
    post(client_for(world.users["provider_a"]), consultation, {f"q{question.pk}": "Ciorna Alfa"})
    page = english(client_for(world.users["staff"])).get(
        reverse("round-detail", args=[world.municipality.slug, consultation.pk])
    )
    html = page.content.decode()
    assert "Ciorna Alfa" not in html
    rows = {row["organisation"].name: row["state"] for row in page.context["invited"]}
    assert rows == {"Asociația Alfa": "draft", "Fundația Beta": "not_started"}


def test_a_provider_lists_only_published_rounds_its_organisation_is_invited_to(world, consultation):
    ConsultationRoundFactory(
        municipality=world.municipality,
        cycle=world.cycle,
        title="Doar pentru Beta",
        invited=[world.org_b],
    )
    ConsultationRoundFactory(
        municipality=world.municipality,
        cycle=world.cycle,
        title="Nepublicată",
        invited=[world.org_a],
        published=False,
    )
    scheduled = ConsultationRoundFactory(
        municipality=world.municipality,
        cycle=world.cycle,
        title="Viitoare",
        invited=[world.org_a],
        opens_at=timezone.now() + datetime.timedelta(days=3),
        closes_at=timezone.now() + datetime.timedelta(days=9),
    )
    question = RoundQuestionFactory(round=consultation, kind="text")
    post(client_for(world.users["provider_a"]), consultation, {f"q{question.pk}": "x"}, "submit")
    page = english(client_for(world.users["provider_a"])).get(
        reverse("provider-round-list", args=[world.municipality.slug])
    )
    html = page.content.decode()
    assert "Consultarea furnizorilor 2027" in html and "Viitoare" in html
    assert "Doar pentru Beta" not in html and "Nepublicată" not in html
    assert "not yet open" in html and "submitted" in html
    states = {r.title: (r.state, r.response_state) for r in page.context["rounds"]}
    assert states[scheduled.title] == ("scheduled", "not_started")
    assert states[consultation.title] == ("open", "submitted")


def test_a_required_matrix_left_empty_is_named_at_its_table(world, consultation):
    BeneficiaryCategoryFactory(municipality=world.municipality, key="copii", name="Copii")
    SocialServiceFactory(municipality=world.municipality, organisation=world.org_a)
    question = RoundQuestionFactory(
        round=consultation, kind="matrix", text="Beneficiari serviți", required=True
    )
    client = english(client_for(world.users["provider_a"]))
    response = post(client, consultation, {}, action="submit")
    assert response.status_code == 400
    blocks = {b["question"].pk: b for b in response.context["blocks"]}
    assert blocks[question.pk]["errors"] == ["Answer this question before submitting."]
    assert "Beneficiari serviți" in " ".join(response.context["form"].non_field_errors())
    assert not RoundResponse.objects.exists()
