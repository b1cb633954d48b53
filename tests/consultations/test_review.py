"""Staff review the submitted responses of a round side by side, tag them and export them."""

import io
from urllib.parse import urlencode

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.models import SpiralDimension
from consultations.models import Attachment, Theme
from tests.factories import (
    AnswerFactory,
    BeneficiaryCategoryFactory,
    ConsultationRoundFactory,
    OrganisationFactory,
    RoundQuestionFactory,
    RoundResponseFactory,
    SocialServiceFactory,
    ThemeFactory,
)
from tests.matrix import ALL, MANAGERS, Case, check, statuses
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(world):
    return ConsultationRoundFactory(
        municipality=world.municipality,
        cycle=world.cycle,
        title="Consultarea furnizorilor 2026",
        invited=[world.org_a, world.org_b],
    )


def submitted(consultation, organisation, user=None):
    return RoundResponseFactory(
        round=consultation,
        organisation=organisation,
        submitted_at=timezone.now(),
        submitted_by=user,
        **({"updated_by": user} if user else {}),
    )


def review_url(world, consultation, **params):
    url = reverse("round-review", args=[world.municipality.slug, consultation.pk])
    return f"{url}?{urlencode(params)}" if params else url


def tag_url(world, consultation, answer):
    return reverse("round-answer-tag", args=[world.municipality.slug, consultation.pk, answer.pk])


def dimension(code):
    return SpiralDimension.objects.get(code=code)


@pytest.fixture
def text_round(world, consultation):
    """One free-text question answered by A and B (submitted) and by a third one (draft)."""
    question = RoundQuestionFactory(round=consultation, text="Ce nevoi nu sunt acoperite?")
    response_a = submitted(consultation, world.org_a, world.users["provider_a"])
    response_b = submitted(consultation, world.org_b, world.users["provider_b"])
    drafting = OrganisationFactory(municipality=world.municipality, name="Asociația Ciorna")
    consultation.invited.add(drafting)
    draft = RoundResponseFactory(round=consultation, organisation=drafting)
    return {
        "question": question,
        "a": AnswerFactory(response=response_a, question=question, text="Locuințe protejate."),
        "b": AnswerFactory(
            response=response_b, question=question, text="Centre de zi.\nTransport adaptat."
        ),
        "draft": AnswerFactory(response=draft, question=question, text="Ciornă secretă."),
        "drafting": drafting,
    }


# --- Side by side -----------------------------------------------------------------------------


def test_staff_see_every_organisations_submitted_answer_side_by_side(
    world, as_user, consultation, text_round
):
    response = as_user("staff").get(review_url(world, consultation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Asociația Alfa" in html and "Locuințe protejate." in html
    assert "Fundația Beta" in html and "Centre de zi.<br>Transport adaptat." in html
    assert "row-cols-md-2" in html


def test_a_draft_is_never_shown_to_staff(world, as_user, consultation, text_round):
    staff = as_user("staff")
    for params in ({}, {"view": "table"}, {"untagged": "on"}):
        html = staff.get(review_url(world, consultation, **params)).content.decode()
        assert "Ciornă secretă." not in html
        assert "Asociația Ciorna" not in html


def test_the_tag_url_of_a_draft_answer_is_not_found(world, as_user, consultation, text_round):
    answer = text_round["draft"]
    response = as_user("staff").post(
        tag_url(world, consultation, answer), {"dimensions": [dimension("A01").pk]}
    )
    assert response.status_code == 404
    assert not answer.dimensions.exists()


def test_the_question_is_chosen_and_shows_its_own_answers(world, as_user, consultation, text_round):
    second = RoundQuestionFactory(round=consultation, text="Ce colaborări propuneți?")
    AnswerFactory(
        response=text_round["a"].response, question=second, text="Parteneriat cu școlile."
    )
    html = as_user("staff").get(review_url(world, consultation, question=second.pk)).content
    assert "Parteneriat cu școlile." in html.decode()
    assert "Locuințe protejate." not in html.decode()


def test_a_matrix_answer_is_a_table_of_services_and_categories(world, as_user, consultation):
    elderly = BeneficiaryCategoryFactory(municipality=world.municipality)
    children = BeneficiaryCategoryFactory(
        municipality=world.municipality, key="copii", name="Copii"
    )
    service = SocialServiceFactory(
        municipality=world.municipality, organisation=world.org_a, name="Centrul de zi Alfa"
    )
    question = RoundQuestionFactory(round=consultation, kind="matrix", text="Câte persoane?")
    AnswerFactory(
        response=submitted(consultation, world.org_a),
        question=question,
        text="",
        value={str(service.pk): {str(elderly.pk): 42, str(children.pk): 7}},
    )
    response = as_user("staff").get(review_url(world, consultation))
    [card] = response.context["cards"]
    matrix = card.answer.shown.matrix
    assert matrix.columns == ["Copii", "Vârstnici"]
    assert matrix.rows == [("Centrul de zi Alfa", [7, 42])]
    html = response.content.decode()
    assert '<th scope="row">Centrul de zi Alfa</th>' in html
    assert '<td class="text-end">42</td>' in html


def test_choice_and_scale_answers_show_the_chosen_values(world, as_user, consultation):
    single = RoundQuestionFactory(
        round=consultation, kind="single", text="Aveți listă de așteptare?"
    )
    multiple = RoundQuestionFactory(
        round=consultation,
        kind="multiple",
        text="Ce lipsește?",
        choices=["Personal", "Spații", "Finanțare"],
    )
    scale = RoundQuestionFactory(round=consultation, kind="scale", text="Cât de acută e nevoia?")
    response = submitted(consultation, world.org_a)
    AnswerFactory(response=response, question=single, text="", value="Parțial")
    AnswerFactory(response=response, question=multiple, text="", value=["Spații", "Finanțare"])
    AnswerFactory(response=response, question=scale, text="Foarte acută.", value=4)
    staff = as_user("staff")
    [card] = staff.get(review_url(world, consultation, question=single.pk)).context["cards"]
    assert card.answer.shown.options == ["Parțial"]
    [card] = staff.get(review_url(world, consultation, question=multiple.pk)).context["cards"]
    assert card.answer.shown.options == ["Spații", "Finanțare"]
    page = staff.get(review_url(world, consultation, question=scale.pk))
    [card] = page.context["cards"]
    assert card.answer.shown.scale == 4
    assert "Foarte acută." in page.content.decode()


def summary_of(client, world, consultation, question):
    summary = client.get(review_url(world, consultation, question=question.pk)).context["summary"]
    return summary, [(row.label, row.count, row.percent) for row in summary.rows]


def test_the_summary_counts_the_options_of_a_single_choice(world, as_user, consultation):
    question = RoundQuestionFactory(round=consultation, kind="single")
    for value in ("Da", "Da", "Nu"):
        AnswerFactory(
            response=submitted(consultation, OrganisationFactory(municipality=world.municipality)),
            question=question,
            text="",
            value=value,
        )
    AnswerFactory(response__round=consultation, question=question, value="Nu")  # a draft
    summary, rows = summary_of(as_user("staff"), world, consultation, question)
    assert summary.respondents == 3
    assert rows == [("Da", 2, 67), ("Nu", 1, 33), ("Parțial", 0, 0)]


def test_the_summary_counts_each_option_of_a_multiple_choice(world, as_user, consultation):
    question = RoundQuestionFactory(round=consultation, kind="multiple")
    for value in (["Da", "Nu"], ["Da"], []):
        AnswerFactory(
            response=submitted(consultation, OrganisationFactory(municipality=world.municipality)),
            question=question,
            text="",
            value=value,
        )
    summary, rows = summary_of(as_user("staff"), world, consultation, question)
    assert summary.respondents == 2  # an empty choice is no answer
    assert rows == [("Da", 2, 100), ("Nu", 1, 50), ("Parțial", 0, 0)]


def test_the_summary_of_a_scale_has_the_distribution_and_the_mean(world, as_user, consultation):
    question = RoundQuestionFactory(round=consultation, kind="scale")
    for value in (2, 4, 5, 5):
        AnswerFactory(
            response=submitted(consultation, OrganisationFactory(municipality=world.municipality)),
            question=question,
            text="",
            value=value,
        )
    summary, rows = summary_of(as_user("staff"), world, consultation, question)
    assert [count for _label, count, _percent in rows] == [0, 1, 0, 1, 2]
    assert summary.mean == 4.0
    html = as_user("staff").get(review_url(world, consultation, question=question.pk))
    assert "<strong>4,00</strong>" in html.content.decode()  # Romanian decimal comma


def test_the_table_view_has_an_organisation_per_row_and_a_question_per_column(
    world, as_user, consultation, text_round
):
    scale = RoundQuestionFactory(round=consultation, kind="scale", text="Cât de acută?")
    AnswerFactory(response=text_round["a"].response, question=scale, text="", value=3)
    response = as_user("staff").get(review_url(world, consultation, view="table"))
    rows = {r.organisation.name: texts for r, texts in response.context["rows"]}
    assert rows == {
        "Asociația Alfa": ["Locuințe protejate.", "3"],
        "Fundația Beta": ["Centre de zi.\nTransport adaptat.", ""],
    }


def test_the_organisations_are_paginated_and_the_question_is_kept(world, as_user, consultation):
    question = RoundQuestionFactory(round=consultation)
    RoundQuestionFactory(round=consultation)
    for i in range(23):
        organisation = OrganisationFactory(municipality=world.municipality, name=f"Org {i:02}")
        AnswerFactory(response=submitted(consultation, organisation), question=question)
    staff = as_user("staff")
    first = staff.get(review_url(world, consultation, question=question.pk))
    assert len(first.context["cards"]) == 20
    assert f"?question={question.pk}&amp;page=2" in first.content.decode()
    second = staff.get(review_url(world, consultation, question=question.pk, page=2))
    assert [r.organisation.name for r in second.context["cards"]] == ["Org 20", "Org 21", "Org 22"]


def test_the_attachments_of_a_response_are_listed(world, as_user, consultation, text_round):
    Attachment.objects.create(
        response=text_round["a"].response,
        file="runde/x/abc",
        original_name="raport-activitate.pdf",
        content_type="application/pdf",
        size=1000,
        uploaded_by=world.users["provider_a"],
    )
    html = as_user("staff").get(review_url(world, consultation)).content.decode()
    assert "raport-activitate.pdf" in html


# --- Filters ----------------------------------------------------------------------------------


def test_filters_by_dimension_theme_and_untagged(world, as_user, consultation, text_round):
    theme = ThemeFactory(municipality=world.municipality, name="Locuire")
    text_round["a"].dimensions.add(dimension("A01"))
    text_round["b"].themes.add(theme)
    staff = as_user("staff")

    def organisations(**params):
        response = staff.get(review_url(world, consultation, **params))
        return [card.organisation.name for card in response.context["cards"]]

    assert organisations() == ["Asociația Alfa", "Fundația Beta"]
    assert organisations(dimension=dimension("A01").pk) == ["Asociația Alfa"]
    assert organisations(theme=theme.pk) == ["Fundația Beta"]
    assert organisations(untagged="on") == []
    text_round["b"].themes.clear()
    assert organisations(untagged="on") == ["Fundația Beta"]


def test_a_filter_looks_at_the_chosen_questions_answer(world, as_user, consultation, text_round):
    other = RoundQuestionFactory(round=consultation)
    tagged = AnswerFactory(response=text_round["b"].response, question=other)
    tagged.dimensions.add(dimension("A01"))
    response = as_user("staff").get(
        review_url(
            world, consultation, question=text_round["question"].pk, dimension=dimension("A01").pk
        )
    )
    assert response.context["cards"] == []
    table = as_user("staff").get(
        review_url(world, consultation, view="table", dimension=dimension("A01").pk)
    )
    assert [r.organisation.name for r, _texts in table.context["rows"]] == ["Fundația Beta"]


def test_an_invalid_filter_is_named_and_ignored(world, as_user, consultation, text_round):
    other_theme = ThemeFactory(municipality=world.other_municipality, name="Străină")
    text_round["a"].dimensions.add(dimension("A01"))
    response = as_user("staff").get(
        review_url(world, consultation, theme=other_theme.pk, dimension=dimension("A01").pk)
    )
    assert response.status_code == 200
    assert "theme" in response.context["filter_form"].errors
    assert [card.organisation.name for card in response.context["cards"]] == ["Asociația Alfa"]
    response = as_user("staff").get(review_url(world, consultation, dimension="x", page="y"))
    assert response.status_code == 200 and len(response.context["cards"]) == 2


# --- Tagging ----------------------------------------------------------------------------------


def test_tagging_with_htmx_returns_the_updated_card(world, as_user, consultation, text_round):
    theme = ThemeFactory(municipality=world.municipality, name="Locuire")
    answer = text_round["a"]
    response = as_user("staff").post(
        tag_url(world, consultation, answer),
        {"dimensions": [dimension("A01").pk, dimension("B02").pk], "themes": [theme.pk]},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<article") and "<html" not in html
    assert f'id="answer-{answer.pk}"' in html and str(dimension("A01")) in html
    assert set(answer.dimensions.values_list("code", flat=True)) == {"A01", "B02"}
    assert list(answer.themes.all()) == [theme]


def test_tagging_keeps_history_with_the_tags_and_who_tagged(
    world, as_user, consultation, text_round
):
    answer = text_round["a"]
    as_user("staff").post(
        tag_url(world, consultation, answer), {"dimensions": [dimension("A01").pk]}
    )
    record = answer.history.first()
    assert record.history_user == world.users["staff"]
    assert [d.spiraldimension.code for d in record.dimensions.all()] == ["A01"]
    assert answer.history.count() == 2  # created, then one record for the tagging


def test_tagging_without_htmx_goes_back_to_the_same_review_page(
    world, as_user, consultation, text_round
):
    answer = text_round["a"]
    query = f"question={text_round['question'].pk}&untagged=on&page=1&next=https://evil.example"
    response = as_user("staff").post(
        tag_url(world, consultation, answer), {"dimensions": [dimension("A01").pk], "query": query}
    )
    assert response.status_code == 302
    assert response["Location"] == (
        review_url(world, consultation)
        + f"?question={text_round['question'].pk}&untagged=on&page=1"
    )
    assert list(answer.dimensions.values_list("code", flat=True)) == ["A01"]


def test_tagging_can_create_a_new_theme(world, as_user, consultation, text_round):
    existing = ThemeFactory(municipality=world.municipality, name="Locuire")
    answer = text_round["a"]
    staff = as_user("staff")
    staff.post(
        tag_url(world, consultation, answer),
        {"themes": [existing.pk], "new_theme": "  Tineri care părăsesc sistemul  "},
    )
    created = Theme.objects.get(name="Tineri care părăsesc sistemul")
    assert created.municipality == world.municipality
    assert created.history.first().history_user == world.users["staff"]
    assert set(answer.themes.all()) == {existing, created}
    # The same name again (in other letters) reuses the theme instead of doubling it.
    staff.post(tag_url(world, consultation, text_round["b"]), {"new_theme": "locuire"})
    assert Theme.objects.filter(municipality=world.municipality).count() == 2
    assert list(text_round["b"].themes.all()) == [existing]


def test_tagging_with_no_selection_removes_the_tags(world, as_user, consultation, text_round):
    answer = text_round["a"]
    answer.dimensions.add(dimension("A01"))
    as_user("staff").post(tag_url(world, consultation, answer), {})
    assert not answer.dimensions.exists()


def test_dimensions_are_shared_but_another_municipalitys_theme_is_refused(
    world, as_user, consultation, text_round
):
    foreign = ThemeFactory(municipality=world.other_municipality, name="Tema străină")
    answer = text_round["a"]
    staff = as_user("staff")
    response = staff.post(
        tag_url(world, consultation, answer),
        {"dimensions": [dimension("C01").pk], "themes": [foreign.pk], "new_theme": "Nouă"},
    )
    assert response.status_code == 400
    assert "themes" in response.context["form"].errors
    assert not answer.dimensions.exists() and not answer.themes.exists()
    assert not Theme.objects.filter(name="Nouă").exists()
    response = staff.post(
        tag_url(world, consultation, answer), {"dimensions": [dimension("C01").pk]}
    )
    assert response.status_code == 302
    assert list(answer.dimensions.all()) == [dimension("C01")]


def test_unknown_ids_are_a_form_error_and_nothing_is_written(
    world, as_user, consultation, text_round
):
    answer = text_round["a"]
    staff = as_user("staff")
    for data in ({"dimensions": ["999999"]}, {"themes": ["abc"]}, {"new_theme": "x" * 151}):
        data = {**data, "new_theme": data.get("new_theme", "Nu se creează")}
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = staff.post(tag_url(world, consultation, answer), data, **headers)
            assert response.status_code == 400
            assert response.context["form"].errors
    assert not Theme.objects.exists()
    assert not answer.dimensions.exists()
    assert answer.history.count() == 1


def test_an_answer_of_another_round_cannot_be_tagged_through_this_round(
    world, as_user, consultation, text_round
):
    other_round = ConsultationRoundFactory(municipality=world.municipality, cycle=world.cycle)
    foreign = AnswerFactory(response=submitted(other_round, world.org_a))
    response = as_user("staff").post(
        tag_url(world, consultation, foreign), {"dimensions": [dimension("A01").pk]}
    )
    assert response.status_code == 404
    assert not foreign.dimensions.exists()


# --- Export -----------------------------------------------------------------------------------


def test_the_export_has_the_responses_the_tags_and_the_participation(
    world, as_user, consultation, text_round
):
    scale = RoundQuestionFactory(round=consultation, kind="multiple", text="Ce lipsește?")
    AnswerFactory(response=text_round["a"].response, question=scale, text="", value=["Da", "Nu"])
    formula = RoundQuestionFactory(round=consultation, text="Alte observații")
    AnswerFactory(response=text_round["b"].response, question=formula, text="=HYPERLINK(1)")
    text_round["a"].dimensions.add(dimension("A01"))
    text_round["a"].themes.add(ThemeFactory(municipality=world.municipality, name="Locuire"))
    not_started = OrganisationFactory(municipality=world.municipality, name="Asociația Zeta")
    consultation.invited.add(not_started)

    response = as_user("staff").get(
        reverse("round-export", args=[world.municipality.slug, consultation.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="consultare-{consultation.pk}.xlsx"'
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [_("Responses"), _("Tags"), _("Participation")]

    answers = list(book[_("Responses")].iter_rows(values_only=True))
    assert answers[0] == (
        _("Organisation"),
        _("Legal form"),
        _("Submitted"),
        text_round["question"].text,
        "Ce lipsește?",
        "Alte observații",
    )
    alfa = answers[1]
    assert alfa[0] == "Asociația Alfa" and alfa[1] == str(world.org_a.get_kind_display())
    submitted_at = timezone.localtime(text_round["a"].response.submitted_at)
    assert alfa[2] == submitted_at.replace(tzinfo=None, microsecond=alfa[2].microsecond)
    assert alfa[3:] == ("Locuințe protejate.", "Da; Nu", None)
    beta_cell = book[_("Responses")]["F3"]
    assert beta_cell.value == "'=HYPERLINK(1)" and beta_cell.data_type == "s"
    assert "Ciornă secretă." not in [c for row in answers for c in row]

    tags = list(book[_("Tags")].iter_rows(values_only=True))
    assert tags[0] == (_("Question"), _("Organisation"), _("SPIRAL dimensions"), _("Themes"))
    assert (text_round["question"].text, "Asociația Alfa", str(dimension("A01")), "Locuire") in tags

    participation = list(book[_("Participation")].iter_rows(values_only=True))
    statuses_by_name = {row[0]: row[1] for row in participation[1:]}
    assert statuses_by_name == {
        "Asociația Alfa": _("submitted"),
        "Asociația Ciorna": _("draft"),
        "Asociația Zeta": _("not started"),
        "Fundația Beta": _("submitted"),
    }


def test_the_export_flattens_a_matrix_answer(world, as_user, consultation):
    elderly = BeneficiaryCategoryFactory(municipality=world.municipality)
    service = SocialServiceFactory(
        municipality=world.municipality, organisation=world.org_a, name="Centrul Alfa"
    )
    question = RoundQuestionFactory(round=consultation, kind="matrix")
    AnswerFactory(
        response=submitted(consultation, world.org_a),
        question=question,
        text="",
        value={str(service.pk): {str(elderly.pk): 12}},
    )
    response = as_user("staff").get(
        reverse("round-export", args=[world.municipality.slug, consultation.pk])
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book[_("Responses")]["D2"].value == "Centrul Alfa – Vârstnici: 12"


# --- Permissions ------------------------------------------------------------------------------


def _round(world, municipality=None):
    municipality = municipality or world.municipality
    return ConsultationRoundFactory(
        municipality=municipality,
        cycle=world.cycle if municipality == world.municipality else world.other_cycle,
    )


def _answer(world, consultation, *, draft=False):
    organisation = (
        world.org_a if consultation.municipality == world.municipality else (world.other_org)
    )
    response = RoundResponseFactory(
        round=consultation,
        organisation=organisation,
        submitted_at=None if draft else timezone.now(),
    )
    return AnswerFactory(response=response)


def _tag(world, *, draft=False, other_round=False):
    consultation = _round(world)
    answer = _answer(world, _round(world) if other_round else consultation, draft=draft)
    return tag_url(world, consultation, answer)


def _other_municipality_answer(world):
    consultation = _round(world, world.other_municipality)
    answer = _answer(world, consultation)
    return reverse("round-answer-tag", args=[world.municipality.slug, consultation.pk, answer.pk])


CASES = [
    Case(
        "review",
        lambda w: review_url(w, _round(w)),
        statuses(MANAGERS, 200),
    ),
    Case(
        "review as a table",
        lambda w: review_url(w, _round(w), view="table"),
        statuses(MANAGERS, 200),
    ),
    Case(
        "review another municipality's round through this one",
        lambda w: review_url(w, _round(w, w.other_municipality)),
        {},
        denied=404,  # no such round here, for anyone logged in
    ),
    Case(
        "review another municipality's round in its own place",
        lambda w: reverse(
            "round-review", args=[w.other_municipality.slug, _round(w, w.other_municipality).pk]
        ),
        {"other_staff": 200},
    ),
    Case(
        "tag a submitted answer",
        lambda w: _tag(w),
        statuses(MANAGERS, 302),
        method="post",
    ),
    Case(
        "tag a draft answer",
        lambda w: _tag(w, draft=True),
        statuses(MANAGERS, 404),
        method="post",
    ),
    Case(
        "tag another round's answer",
        lambda w: _tag(w, other_round=True),
        statuses(MANAGERS, 404),
        method="post",
    ),
    Case(
        "tag another municipality's answer",
        _other_municipality_answer,
        {},
        method="post",
        denied=404,
    ),
    Case(
        "tag with GET",
        lambda w: _tag(w),
        statuses(ALL, 405),
    ),
    Case(
        "export",
        lambda w: reverse("round-export", args=[w.municipality.slug, _round(w).pk]),
        statuses(MANAGERS, 200),
    ),
    Case(
        "export another municipality's round",
        lambda w: reverse(
            "round-export", args=[w.municipality.slug, _round(w, w.other_municipality).pk]
        ),
        {},
        denied=404,
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)


def test_a_provider_invited_to_the_round_cannot_see_the_others_responses(
    world, as_user, consultation, text_round
):
    for persona in ("provider_a", "provider_b"):
        response = as_user(persona).get(review_url(world, consultation))
        assert response.status_code == 403
        assert "Locuințe protejate." not in response.content.decode()


# --- Constant queries -------------------------------------------------------------------------


def _fill(world, consultation, questions, first, count, *, categories, service):
    theme = ThemeFactory(municipality=world.municipality, name="Locuire")
    for i in range(first, first + count):
        organisation = OrganisationFactory(municipality=world.municipality, name=f"Org {i:03}")
        response = submitted(consultation, organisation)
        text, choice, matrix = questions
        AnswerFactory(response=response, question=text, text=f"Răspunsul {i}")
        AnswerFactory(response=response, question=choice, text="", value=["Da", "Nu"])
        tagged = AnswerFactory(
            response=response,
            question=matrix,
            text="",
            value={str(service.pk): {str(c.pk): i for c in categories}},
        )
        tagged.dimensions.add(dimension("A01"), dimension("B02"))
        tagged.themes.add(theme)
        Attachment.objects.create(
            response=response,
            file=f"runde/x/{i}",
            original_name=f"anexa-{i}.pdf",
            content_type="application/pdf",
            size=10,
            uploaded_by=world.users["staff"],
        )


@pytest.mark.parametrize("view", ["cards", "table", "export"])
def test_the_review_keeps_a_constant_number_of_queries(world, as_user, consultation, view):
    categories = [
        BeneficiaryCategoryFactory(municipality=world.municipality),
        BeneficiaryCategoryFactory(municipality=world.municipality, key="copii", name="Copii"),
    ]
    service = SocialServiceFactory(municipality=world.municipality, organisation=world.org_a)
    questions = (
        RoundQuestionFactory(round=consultation),
        RoundQuestionFactory(round=consultation, kind="multiple"),
        RoundQuestionFactory(round=consultation, kind="matrix"),
    )
    client = as_user("staff")
    if view == "export":
        url = reverse("round-export", args=[world.municipality.slug, consultation.pk])
    elif view == "table":
        url = review_url(world, consultation, view="table")
    else:
        url = review_url(world, consultation, question=questions[2].pk)
    _fill(world, consultation, questions, 0, 3, categories=categories, service=service)
    three = count_queries(lambda: client.get(url))
    _fill(world, consultation, questions, 3, 27, categories=categories, service=service)
    response = client.get(url)
    if view == "cards":
        assert len(response.context["cards"]) == 20
    assert count_queries(lambda: client.get(url)) == three
