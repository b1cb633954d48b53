"""Staff set up consultation rounds and their questions, and follow who has answered."""

import datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from consultations import rounds
from consultations.models import ConsultationRound, RoundQuestion
from tests.conftest import client_for
from tests.factories import (
    AnswerFactory,
    ConsultationRoundFactory,
    OrganisationFactory,
    RoundQuestionFactory,
    RoundResponseFactory,
    StrategyCycleFactory,
)
from tests.matrix import ALL, LOGGED_IN, MANAGERS, Case, check, statuses
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def provider_consultation(world):
    """Both municipalities' cycles in the provider consultation, the stage that runs rounds."""
    for cycle in (world.cycle, world.other_cycle):
        cycle.active_stage = "provider_consultation"
        cycle.save()


PROVIDERS = ("provider_a", "provider_b")


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def staff(world):
    return english(client_for(world.users["staff"]))


def make_round(world, **kwargs):
    kwargs.setdefault("invited", [world.org_a, world.org_b])
    return ConsultationRoundFactory(municipality=world.municipality, cycle=world.cycle, **kwargs)


def round_data(world, **overrides):
    data = {
        "cycle": world.cycle.pk,
        "title": "Consultarea furnizorilor 2027",
        "introduction": "Vă rugăm să răspundeți.",
        "opens_at": "2027-01-10T09:00",
        "closes_at": "2027-02-10T17:00",
        "invited": [world.org_a.pk, world.org_b.pk],
        "published": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- Rounds ----------------------------------------------------------------------------------


def test_a_new_round_invites_every_organisation_of_the_municipality_by_default(world):
    page = staff(world).get(reverse("round-create", args=[world.municipality.slug]))
    form = page.context["form"]
    assert set(form.initial["invited"]) == {world.org_a.pk, world.org_b.pk}
    assert form.initial["cycle"] == world.cycle.pk
    invited_choices = {pk.value for pk, _label in form.fields["invited"].choices}
    assert world.other_org.pk not in invited_choices


def test_staff_create_a_round_whose_times_are_read_in_bucharest(world):
    response = staff(world).post(
        reverse("round-create", args=[world.municipality.slug]), round_data(world)
    )
    consultation = ConsultationRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == consultation.get_absolute_url()
    # Winter time in Romania is UTC+2.
    assert consultation.opens_at == datetime.datetime(2027, 1, 10, 7, 0, tzinfo=datetime.UTC)
    assert consultation.closes_at == datetime.datetime(2027, 2, 10, 15, 0, tzinfo=datetime.UTC)
    assert set(consultation.invited.all()) == {world.org_a, world.org_b}
    assert consultation.created_by == world.users["staff"]
    assert consultation.history.first().history_user == world.users["staff"]
    edit = staff(world).get(
        reverse("round-update", args=[world.municipality.slug, consultation.pk])
    )
    assert 'value="2027-02-10T17:00"' in edit.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"closes_at": "2027-01-01T09:00"}, "closes_at"),
        ({"opens_at": "mâine"}, "opens_at"),
        ({"title": ""}, "title"),
        ({"cycle": None}, "cycle"),
    ],
)
def test_a_bad_round_is_refused_naming_the_field(world, overrides, field):
    response = staff(world).post(
        reverse("round-create", args=[world.municipality.slug]), round_data(world, **overrides)
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not ConsultationRound.objects.exists()


def test_a_round_cannot_use_another_municipalitys_cycle_or_organisations(world):
    url = reverse("round-create", args=[world.municipality.slug])
    response = staff(world).post(url, round_data(world, cycle=world.other_cycle.pk))
    assert response.status_code == 400 and "cycle" in response.context["form"].errors
    response = staff(world).post(url, round_data(world, invited=[world.other_org.pk]))
    assert response.status_code == 400 and "invited" in response.context["form"].errors
    assert not ConsultationRound.objects.exists()


def test_an_organisation_that_answered_stays_invited_and_the_round_stays_published(world):
    consultation = make_round(world)
    RoundResponseFactory(round=consultation, organisation=world.org_a)
    url = reverse("round-update", args=[world.municipality.slug, consultation.pk])
    response = staff(world).post(url, round_data(world, invited=[world.org_b.pk]))
    assert response.status_code == 400
    assert "Asociația Alfa" in " ".join(response.context["form"].errors["invited"])
    response = staff(world).post(url, round_data(world, published=None))
    assert response.status_code == 400 and "published" in response.context["form"].errors
    consultation.refresh_from_db()
    assert consultation.published and consultation.invited.count() == 2

    later = staff(world).post(url, round_data(world, title="Titlu nou"))
    assert later.status_code == 302
    consultation.refresh_from_db()
    assert consultation.title == "Titlu nou"


def test_the_round_list_shows_state_counts_and_response_rate_by_cycle(world):
    now = timezone.now()
    open_round = make_round(world, title="Runda deschisă")
    RoundResponseFactory(round=open_round, organisation=world.org_a, submitted_at=now)
    RoundResponseFactory(round=open_round, organisation=world.org_b)  # a draft
    make_round(world, title="Runda în lucru", published=False)
    old_cycle = StrategyCycleFactory(
        municipality=world.municipality, title="Strategia 2018–2022", start_year=2018, end_year=2022
    )
    ConsultationRoundFactory(
        municipality=world.municipality,
        cycle=old_cycle,
        title="Runda veche",
        opens_at=now - datetime.timedelta(days=900),
        closes_at=now - datetime.timedelta(days=880),
        invited=[world.org_a],
    )
    ConsultationRoundFactory(
        municipality=world.other_municipality, cycle=world.other_cycle, title="Runda străină"
    )
    page = staff(world).get(reverse("round-list", args=[world.municipality.slug]))
    html = page.content.decode()
    assert "Runda străină" not in html
    current = {
        r.title: (r.state, r.invited_count, r.submitted_count, r.rate)
        for r in page.context["current_rounds"]
    }
    assert current == {
        "Runda deschisă": ("open", 2, 1, 50),
        "Runda în lucru": ("draft", 2, 0, 0),
    }
    assert [r.title for r in page.context["older_rounds"]] == ["Runda veche"]
    assert page.context["older_rounds"][0].state == "closed"
    assert "50%" in html


def test_the_round_page_lists_questions_in_order_and_each_invited_organisation(world):
    consultation = make_round(world)
    RoundQuestionFactory(round=consultation, position=2, text="A doua întrebare")
    RoundQuestionFactory(round=consultation, position=1, text="Prima întrebare")
    submitted_at = timezone.now()
    RoundResponseFactory(round=consultation, organisation=world.org_b, submitted_at=submitted_at)
    page = staff(world).get(
        reverse("round-detail", args=[world.municipality.slug, consultation.pk])
    )
    html = page.content.decode()
    assert html.index("Prima întrebare") < html.index("A doua întrebare")
    rows = [(r["organisation"].name, r["state"]) for r in page.context["invited"]]
    assert rows == [("Asociația Alfa", "not_started"), ("Fundația Beta", "submitted")]
    assert page.context["rate"] == 50
    assert reverse("round-review", args=[world.municipality.slug, consultation.pk]) in html
    assert reverse("round-update", args=[world.municipality.slug, consultation.pk]) in html


# --- Questions -------------------------------------------------------------------------------


def question_url(world, consultation, question=None):
    if question is None:
        return reverse("round-question-create", args=[world.municipality.slug, consultation.pk])
    return reverse(
        "round-question-update", args=[world.municipality.slug, consultation.pk, question.pk]
    )


@pytest.mark.parametrize("kind", ["text", "scale", "matrix"])
def test_staff_add_a_question_of_each_kind_at_the_end(world, kind):
    consultation = make_round(world)
    RoundQuestionFactory(round=consultation, position=4)
    response = staff(world).post(
        question_url(world, consultation),
        {"kind": kind, "text": "Ce lipsește?", "required": "on", "options": "ignorat"},
    )
    assert response.status_code == 302
    question = consultation.questions.get(text="Ce lipsește?")
    assert (question.kind, question.required, question.choices, question.position) == (
        kind,
        True,
        [],
        5,
    )


def test_a_choice_question_keeps_one_option_per_line_and_needs_two(world):
    consultation = make_round(world)
    url = question_url(world, consultation)
    response = staff(world).post(url, {"kind": "single", "text": "Ce?", "options": "Doar una"})
    assert response.status_code == 400 and "options" in response.context["form"].errors
    response = staff(world).post(url, {"kind": "single", "text": "Ce?", "options": "Da\nDa"})
    assert response.status_code == 400 and "options" in response.context["form"].errors
    assert not RoundQuestion.objects.exists()
    staff(world).post(url, {"kind": "multiple", "text": "Ce?", "options": " Copii \n\nVârstnici\n"})
    assert RoundQuestion.objects.get().choices == ["Copii", "Vârstnici"]


def test_an_answered_question_keeps_its_type_and_options_but_can_be_reworded(world):
    consultation = make_round(world)
    question = RoundQuestionFactory(
        round=consultation, kind="single", text="Aveți listă de așteptare?", choices=["Da", "Nu"]
    )
    AnswerFactory(
        response=RoundResponseFactory(round=consultation, organisation=world.org_a),
        question=question,
        text="",
        value="Da",
    )
    url = question_url(world, consultation, question)
    page = staff(world).get(url)
    assert "already has answers" in page.content.decode()

    kind_change = staff(world).post(url, {"kind": "text", "text": "Aveți listă?", "options": ""})
    assert kind_change.status_code == 400
    assert "type can no longer change" in " ".join(kind_change.context["form"].errors["kind"])
    option_change = staff(world).post(
        url, {"kind": "single", "text": "Aveți listă?", "options": "Da\nNu\nNu știu"}
    )
    assert option_change.status_code == 400
    assert "options can no longer change" in " ".join(
        option_change.context["form"].errors["options"]
    )
    question.refresh_from_db()
    assert (question.kind, question.choices) == ("single", ["Da", "Nu"])

    reworded = staff(world).post(
        url, {"kind": "single", "text": "Aveți o listă de așteptare?", "options": "Da\nNu"}
    )
    assert reworded.status_code == 302
    question.refresh_from_db()
    assert question.text == "Aveți o listă de așteptare?"
    assert question.history.first().history_user == world.users["staff"]


def test_an_answered_question_cannot_be_deleted_but_an_unanswered_one_can(world):
    consultation = make_round(world)
    answered = RoundQuestionFactory(round=consultation, text="Cu răspuns")
    AnswerFactory(
        response=RoundResponseFactory(round=consultation, organisation=world.org_a),
        question=answered,
    )
    unanswered = RoundQuestionFactory(round=consultation, text="Fără răspuns")
    client = staff(world)

    def delete(question):
        return client.post(
            reverse(
                "round-question-delete",
                args=[world.municipality.slug, consultation.pk, question.pk],
            ),
            follow=True,
        )

    page = delete(answered).content.decode()
    assert "“Cu răspuns” already has answers and cannot be deleted." in page
    assert RoundQuestion.objects.filter(pk=answered.pk).exists()
    delete(unanswered)
    assert not RoundQuestion.objects.filter(pk=unanswered.pk).exists()


def test_staff_move_a_question_up_and_down(world):
    consultation = make_round(world)
    first, second, third = (
        RoundQuestionFactory(round=consultation, position=0, text="Unu"),
        RoundQuestionFactory(round=consultation, position=0, text="Doi"),
        RoundQuestionFactory(round=consultation, position=0, text="Trei"),
    )
    client = staff(world)

    def move(question, direction):
        client.post(
            reverse(
                "round-question-move", args=[world.municipality.slug, consultation.pk, question.pk]
            ),
            {"direction": direction},
        )
        return [q.text for q in consultation.questions.all()]

    assert move(third, "up") == ["Unu", "Trei", "Doi"]
    assert move(first, "down") == ["Trei", "Unu", "Doi"]
    assert move(second, "down") == ["Trei", "Unu", "Doi"]  # already last
    assert move(third, "sideways") == ["Trei", "Unu", "Doi"]


# --- Permission matrix --------------------------------------------------------------------


def _round(w, **kwargs):
    return make_round(w, **kwargs)


def _foreign_round(w):
    return ConsultationRoundFactory(
        municipality=w.other_municipality, cycle=w.other_cycle, invited=[w.other_org]
    )


def _attachment_of_org_a(w):
    return rounds.add_attachment(
        round=_round(w),
        organisation=w.org_a,
        user=w.users["provider_a"],
        uploaded=SimpleUploadedFile("Raport.pdf", b"%PDF-1.4\n%%EOF\n"),
    )


def _slug_pk(name, make):
    return lambda w: reverse(name, args=[w.municipality.slug, make(w).pk])


def _question_url(name, make_round_):
    def url(w):
        consultation = make_round_(w)
        question = RoundQuestionFactory(round=consultation)
        return reverse(name, args=[w.municipality.slug, consultation.pk, question.pk])

    return url


def _delete_attachment_url(w):
    attachment = _attachment_of_org_a(w)
    return reverse(
        "provider-round-attachment-delete",
        args=[w.municipality.slug, attachment.response.round_id, attachment.pk],
    )


CASES = [
    Case(
        "round list",
        lambda w: reverse("round-list", args=[w.municipality.slug]),
        statuses(MANAGERS, 200),
    ),
    Case(
        "new round",
        lambda w: reverse("round-create", args=[w.municipality.slug]),
        statuses(MANAGERS, 200),
    ),
    Case("round page", _slug_pk("round-detail", _round), statuses(MANAGERS, 200)),
    Case("edit a round", _slug_pk("round-update", _round), statuses(MANAGERS, 200)),
    Case(
        "another municipality's round through this one",
        _slug_pk("round-detail", _foreign_round),
        statuses(MANAGERS, 404),
    ),
    Case(
        "edit another municipality's round through this one",
        _slug_pk("round-update", _foreign_round),
        statuses(MANAGERS, 404),
    ),
    Case("new question", _slug_pk("round-question-create", _round), statuses(MANAGERS, 200)),
    Case(
        "edit a question",
        _question_url("round-question-update", _round),
        statuses(MANAGERS, 200),
    ),
    Case(
        "edit another municipality's question",
        _question_url("round-question-update", _foreign_round),
        statuses(MANAGERS, 404),
    ),
    Case(
        "delete a question",
        _question_url("round-question-delete", _round),
        statuses(MANAGERS, 302),
        method="post",
    ),
    Case(
        "move a question",
        _question_url("round-question-move", _round),
        statuses(MANAGERS, 302),
        method="post",
        data={"direction": "up"},
    ),
    Case(
        "our consultations",
        lambda w: reverse("provider-round-list", args=[w.municipality.slug]),
        statuses(PROVIDERS, 200),
    ),
    Case(
        "respond to a round of both organisations",
        _slug_pk("provider-round-respond", _round),
        statuses(PROVIDERS, 200),
    ),
    Case(
        "respond to a round only provider A is invited to",
        _slug_pk("provider-round-respond", lambda w: _round(w, invited=[w.org_a])),
        {"provider_a": 200, "provider_b": 404},
    ),
    Case(
        "save a draft to a round only provider A is invited to",
        _slug_pk("provider-round-respond", lambda w: _round(w, invited=[w.org_a])),
        {"provider_a": 302, "provider_b": 404},
        method="post",
        data={"action": "draft"},
    ),
    Case(
        "respond to an unpublished round",
        _slug_pk("provider-round-respond", lambda w: _round(w, published=False)),
        statuses(PROVIDERS, 404),
    ),
    Case(
        "respond to another municipality's round",
        _slug_pk("provider-round-respond", _foreign_round),
        statuses(PROVIDERS, 404),
    ),
    Case(
        "attach to a round only provider A is invited to (no file)",
        _slug_pk("provider-round-attachment", lambda w: _round(w, invited=[w.org_a])),
        {"provider_a": 400, "provider_b": 404},
        method="post",
    ),
    Case(
        "remove provider A's attachment",
        _delete_attachment_url,
        {"provider_a": 302, "provider_b": 404},
        method="post",
    ),
    Case(
        "download provider A's draft attachment",
        lambda w: reverse(
            "round-attachment", args=[w.municipality.slug, _attachment_of_org_a(w).pk]
        ),
        {"provider_a": 200},
        denied=404,
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)


def test_a_provider_cannot_delete_a_question_nor_see_the_staff_pages(world):
    consultation = make_round(world)
    question = RoundQuestionFactory(round=consultation)
    for persona in LOGGED_IN:
        if persona in MANAGERS:
            continue
        client_for(world.users[persona]).post(
            reverse(
                "round-question-delete",
                args=[world.municipality.slug, consultation.pk, question.pk],
            )
        )
    assert RoundQuestion.objects.filter(pk=question.pk).exists()


# --- Constant number of queries ----------------------------------------------------------


def _grow(world, n):
    for _ in range(n):
        organisations = [OrganisationFactory(municipality=world.municipality) for _ in range(3)]
        consultation = make_round(world, invited=[world.org_a, *organisations])
        for organisation in organisations[:2]:
            RoundResponseFactory(
                round=consultation, organisation=organisation, submitted_at=timezone.now()
            )
        RoundQuestionFactory(round=consultation)


def test_the_round_list_keeps_a_constant_number_of_queries(world):
    client = staff(world)
    url = reverse("round-list", args=[world.municipality.slug])
    _grow(world, 1)
    one = count_queries(lambda: client.get(url))
    _grow(world, 6)
    assert count_queries(lambda: client.get(url)) == one


def test_the_round_page_keeps_a_constant_number_of_queries(world):
    client = staff(world)

    def round_of_size(n):
        organisations = [OrganisationFactory(municipality=world.municipality) for _ in range(n)]
        consultation = make_round(world, invited=organisations)
        for organisation in organisations:
            response = RoundResponseFactory(
                round=consultation,
                organisation=organisation,
                submitted_at=timezone.now() if organisation.pk % 2 else None,
            )
            AnswerFactory(response=response, question=RoundQuestionFactory(round=consultation))
        return reverse("round-detail", args=[world.municipality.slug, consultation.pk])

    small, large = round_of_size(1), round_of_size(8)
    assert count_queries(lambda: client.get(large)) == count_queries(lambda: client.get(small))


def test_the_provider_round_list_keeps_a_constant_number_of_queries(world):
    client = client_for(world.users["provider_a"])
    url = reverse("provider-round-list", args=[world.municipality.slug])
    _grow(world, 1)
    one = count_queries(lambda: client.get(url))
    _grow(world, 6)
    assert count_queries(lambda: client.get(url)) == one
