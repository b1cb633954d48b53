"""Staff answer every recommendation of the public consultation and schedule its debates
(Law 52/2003); the stage cannot advance before the period ended and every answer is given."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from core.models import GeneratedFile
from strategy.answering import answer_comment
from strategy.models import Comment, Debate, DebateRequest
from tests.factories import (
    CommentFactory,
    IndicatorFactory,
    PublicConsultationFactory,
    SpecificObjectiveFactory,
    StrategicObjectiveFactory,
    StrategyFactory,
    StrategyVersionFactory,
)
from tests.matrix import ALL, MANAGERS, Case, check, statuses
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


def make_consultation(world, stage="public_consultation"):
    """A consultation on version 1 of the world cycle's strategy, with one objective."""
    world.cycle.active_stage = stage
    world.cycle.save()
    strategy = StrategyFactory(municipality=world.municipality, cycle=world.cycle)
    objective = StrategicObjectiveFactory(strategy=strategy, title="Îngrijire la domiciliu")
    IndicatorFactory(specific_objective=SpecificObjectiveFactory(objective=objective))
    version = StrategyVersionFactory(strategy=strategy, number=1, published_by=staff(world))
    consultation = PublicConsultationFactory(version=version, opened_by=staff(world))
    consultation.objective = objective
    return consultation


def staff(world):
    return world.users["staff"]


@pytest.fixture
def consultation(world):
    return make_consultation(world)


def en(client):
    client.cookies["django_language"] = "en"
    return client


def answers_url(consultation, **query):
    url = reverse("consultation-answers", args=[consultation.municipality.slug, consultation.pk])
    if query:
        from urllib.parse import urlencode

        url += "?" + urlencode(query)
    return url


def answer_url(consultation, comment):
    return reverse(
        "comment-answer", args=[consultation.municipality.slug, consultation.pk, comment.pk]
    )


def answer_data(comment, answer="accepted", reason="Preluată în OS1.", version="", query=""):
    prefix = f"c{comment.pk}-"
    return {
        prefix + "answer": answer,
        prefix + "reason": reason,
        prefix + "resulting_version": version,
        "query": query,
    }


# --- Answering ---------------------------------------------------------------------------------


def test_staff_answer_a_recommendation_and_the_counter_moves(world, as_user, consultation):
    first, second = CommentFactory.create_batch(2, consultation=consultation)
    client = en(as_user("staff"))
    page = client.get(answers_url(consultation)).content.decode()
    assert "Answered 0 of 2" in page

    response = client.post(
        answer_url(consultation, first),
        answer_data(first, "partly", "Parțial: ținta se mărește, serviciul nu se înființează."),
    )

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.answer == "partly"
    assert first.answer_reason.startswith("Parțial: ținta")
    assert first.answered_by == world.users["staff"] and first.answered_at is not None
    assert first.history.first().history_user == world.users["staff"]
    page = client.get(answers_url(consultation)).content.decode()
    assert "Answered 1 of 2" in page
    assert "Parțial: ținta se mărește" in page


def test_a_rejection_without_reasons_is_refused_and_nothing_is_written(
    world, as_user, consultation
):
    comment = CommentFactory(consultation=consultation)
    client = en(as_user("staff"))
    response = client.post(
        answer_url(consultation, comment), answer_data(comment, "rejected", "  ")
    )
    assert response.status_code == 400
    assert "art. 12(3)" in response.content.decode()
    assert response.context["comment"].form.errors["reason"]
    comment.refresh_from_db()
    assert comment.answer == "" and comment.answered_at is None
    assert comment.history.count() == 1  # only its creation


def test_every_answer_needs_reasons_and_a_known_answer(world, as_user, consultation):
    comment = CommentFactory(consultation=consultation)
    client = as_user("staff")
    for data in (answer_data(comment, "accepted", ""), answer_data(comment, "maybe", "x")):
        response = client.post(answer_url(consultation, comment), data)
        assert response.status_code == 400
    comment.refresh_from_db()
    assert comment.answer == ""


def test_the_service_refuses_a_rejection_without_reasons(world, consultation):
    from core.exceptions import DomainError

    comment = CommentFactory(consultation=consultation)
    with pytest.raises(DomainError) as error:
        answer_comment(comment=comment, answer="rejected", reason="", user=staff(world))
    assert "reason" in error.value.message_dict


def test_htmx_answer_returns_the_updated_row(world, as_user, consultation):
    comment = CommentFactory(consultation=consultation, text="Mai multe centre de zi.")
    client = en(as_user("staff"))
    response = client.post(
        answer_url(consultation, comment),
        answer_data(comment, "accepted", "Adăugat ca OS1.3."),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(f'<article id="comment-{comment.pk}"')
    assert "Adăugat ca OS1.3." in body and "The answer was saved." in body
    assert "<html" not in body

    bad = client.post(
        answer_url(consultation, comment),
        answer_data(comment, "rejected", ""),
        HTTP_HX_REQUEST="true",
    )
    assert bad.status_code == 400
    assert f'id="comment-{comment.pk}"' in bad.content.decode()
    comment.refresh_from_db()
    assert comment.answer == "accepted"  # the refused change wrote nothing


def test_the_redirect_keeps_the_filters(world, as_user, consultation):
    comment = CommentFactory(consultation=consultation)
    response = as_user("staff").post(
        answer_url(consultation, comment),
        answer_data(comment, query="unanswered=on&stakeholder=cetatean&page=2"),
    )
    assert response.status_code == 302
    assert response["Location"] == (
        answers_url(consultation)
        + f"?unanswered=on&stakeholder=cetatean&page=2#comment-{comment.pk}"
    )


def test_changed_in_version_offers_only_newer_versions_of_this_strategy(
    world, as_user, consultation
):
    strategy = consultation.version.strategy
    newer = StrategyVersionFactory(strategy=strategy, number=2, published_by=staff(world))
    other = StrategyVersionFactory(number=3)  # another municipality's strategy
    comment = CommentFactory(consultation=consultation)
    client = as_user("staff")
    page = client.get(answers_url(consultation))
    choices = [
        value
        for value, _label in page.context["comments"][0].form.fields["resulting_version"].choices
    ]
    assert choices == ["", newer.pk]

    refused = client.post(
        answer_url(consultation, comment), answer_data(comment, version=str(other.pk))
    )
    assert refused.status_code == 400
    refused = client.post(
        answer_url(consultation, comment),
        answer_data(comment, version=str(consultation.version.pk)),
    )
    assert refused.status_code == 400
    client.post(answer_url(consultation, comment), answer_data(comment, version=str(newer.pk)))
    comment.refresh_from_db()
    assert comment.resulting_version == newer


def test_answering_outside_the_public_consultation_stage_names_the_stage(world, as_user):
    consultation = make_consultation(world, stage="action_plan")
    comment = CommentFactory(consultation=consultation)
    client = en(as_user("staff"))
    page = client.get(answers_url(consultation))
    assert page.status_code == 200  # reading stays possible
    assert "can only be read" in page.content.decode()
    assert page.context["comments"][0].form is None
    response = client.post(answer_url(consultation, comment), answer_data(comment))
    assert response.status_code == 403
    assert "Public consultation" in response.content.decode()
    comment.refresh_from_db()
    assert comment.answer == ""


def test_a_comment_of_another_consultation_is_not_found(world, as_user, consultation):
    elsewhere = CommentFactory()  # another municipality's consultation
    url = reverse("comment-answer", args=[world.municipality.slug, consultation.pk, elsewhere.pk])
    assert as_user("staff").post(url, answer_data(elsewhere)).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.answer == ""


def test_filters_unanswered_part_stakeholder_and_answer(world, as_user, consultation):
    objective = consultation.objective
    on_objective = CommentFactory(
        consultation=consultation,
        target="objective",
        target_id=objective.pk,
        stakeholder_kind="academic",
        text="Despre obiectiv",
    )
    answered = CommentFactory(
        consultation=consultation,
        text="Deja răspuns",
        answer="rejected",
        answer_reason="Nu.",
    )
    hidden = CommentFactory(
        consultation=consultation,
        text="Ascuns",
        hidden_at=timezone.now(),
        hidden_reason="limbaj jignitor",
        hidden_by=staff(world),
    )
    client = en(as_user("staff"))

    def shown(**query):
        return {c.pk for c in client.get(answers_url(consultation, **query)).context["comments"]}

    assert shown() == {on_objective.pk, answered.pk, hidden.pk}
    assert shown(unanswered="on") == {on_objective.pk}
    assert shown(part=f"objective:{objective.pk}") == {on_objective.pk}
    assert shown(part="document") == {answered.pk, hidden.pk}
    assert shown(stakeholder="academic") == {on_objective.pk}
    assert shown(answer="rejected") == {answered.pk}
    assert shown(answer="none") == {on_objective.pk, hidden.pk}
    assert shown(part="objective:999999", answer="bogus", page="x") == shown()  # ignored, no 500

    page = client.get(answers_url(consultation)).content.decode()
    assert "OS1 Îngrijire la domiciliu" in page
    assert "limbaj jignitor" in page and "hidden" in page
    assert "Answered 1 of 2" in page  # the hidden one needs no answer


def test_comment_text_is_rendered_inert(world, as_user, consultation):
    CommentFactory(consultation=consultation, text='<script>alert(1)</script><img src="x">')
    page = as_user("staff").get(answers_url(consultation)).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_the_answers_page_keeps_a_constant_number_of_queries(world, as_user, consultation):
    client = as_user("staff")
    url = answers_url(consultation)
    StrategyVersionFactory(strategy=consultation.version.strategy, number=2)
    DebateRequest.objects.create(
        consultation=consultation, requested_by=world.users["public"], organisation_name="A"
    )

    def add(n):
        Comment.objects.bulk_create(
            [
                Comment(
                    consultation=consultation,
                    author=world.users["public"],
                    stakeholder_kind="cetatean",
                    target="objective" if i % 2 else "document",
                    target_id=consultation.objective.pk if i % 2 else None,
                    text=f"Recomandarea {i}",
                    answer="accepted" if i % 3 == 0 else "",
                    answer_reason="Da." if i % 3 == 0 else "",
                    answered_by=staff(world) if i % 3 == 0 else None,
                    hidden_at=timezone.now() if i % 7 == 0 else None,
                    hidden_by=staff(world) if i % 7 == 0 else None,
                )
                for i in range(n)
            ]
        )

    add(5)
    client.get(url)  # warm the caches of the first request
    small = count_queries(lambda: client.get(url))
    add(5000)
    big = count_queries(lambda: client.get(url))
    filtered = count_queries(lambda: client.get(url + "?unanswered=on&stakeholder=cetatean"))
    assert small == big == filtered


# --- Debates ---------------------------------------------------------------------------------


def debate_url(consultation, debate=None):
    slug = consultation.municipality.slug
    if debate:
        return reverse("debate-update", args=[slug, consultation.pk, debate.pk])
    return reverse("debate-create", args=[slug, consultation.pk])


def debate_data(announced_on, starts_at, place="Sala de consiliu", minutes=""):
    return {
        "announced_on": announced_on.isoformat(),
        "starts_at": starts_at.strftime("%Y-%m-%dT%H:%M"),
        "place": place,
        "minutes": minutes,
    }


def test_a_debate_within_ten_days_of_its_announcement_is_scheduled(world, as_user, consultation):
    today = timezone.localdate()
    starts = datetime.datetime.combine(today + datetime.timedelta(days=10), datetime.time(17))
    response = as_user("staff").post(debate_url(consultation), debate_data(today, starts))
    assert response.status_code == 302
    debate = Debate.objects.get()
    assert debate.consultation == consultation and debate.place == "Sala de consiliu"
    assert debate.history.first().history_user == world.users["staff"]


def test_a_debate_too_late_or_before_its_announcement_is_refused(world, as_user, consultation):
    today = timezone.localdate()
    client = en(as_user("staff"))
    late = datetime.datetime.combine(today + datetime.timedelta(days=11), datetime.time(17))
    response = client.post(debate_url(consultation), debate_data(today, late))
    assert response.status_code == 400
    assert "within 10 days" in response.context["form"].errors["starts_at"][0]

    same_day = datetime.datetime.combine(today, datetime.time(18))
    response = client.post(debate_url(consultation), debate_data(today, same_day))
    assert response.status_code == 400 and "starts_at" in response.context["form"].errors

    before = consultation.announced_on - datetime.timedelta(days=1)
    response = client.post(
        debate_url(consultation),
        debate_data(before, datetime.datetime.combine(today, datetime.time(18))),
    )
    assert response.status_code == 400 and "announced_on" in response.context["form"].errors

    soon = datetime.datetime.combine(today + datetime.timedelta(days=3), datetime.time(17))
    response = client.post(debate_url(consultation), debate_data(today, soon, minutes="Minuta"))
    assert response.status_code == 400 and "minutes" in response.context["form"].errors
    assert not Debate.objects.exists()


@override_settings(SPIRALA_LAW52_DEBATE_NOTICE_DAYS=15)
def test_the_debate_period_is_a_setting(world, as_user, consultation):
    today = timezone.localdate()
    starts = datetime.datetime.combine(today + datetime.timedelta(days=14), datetime.time(17))
    response = as_user("staff").post(debate_url(consultation), debate_data(today, starts))
    assert response.status_code == 302


def test_minutes_are_added_after_the_debate(world, as_user, consultation):
    held = datetime.datetime.combine(
        consultation.announced_on + datetime.timedelta(days=2), datetime.time(17)
    )
    debate = Debate.objects.create(
        consultation=consultation,
        announced_on=consultation.announced_on,
        starts_at=timezone.make_aware(held),
        place="Primărie",
    )
    client = as_user("staff")
    assert client.get(debate_url(consultation, debate)).status_code == 200
    response = client.post(
        debate_url(consultation, debate),
        debate_data(consultation.announced_on, held, "Primărie", "Au participat 12 persoane."),
    )
    assert response.status_code == 302
    debate.refresh_from_db()
    assert debate.minutes == "Au participat 12 persoane."


def test_pending_debate_requests_are_shown_until_a_debate_is_scheduled(
    world, as_user, consultation
):
    DebateRequest.objects.create(
        consultation=consultation,
        requested_by=world.users["provider_a"],
        organisation_name="Asociația Alfa",
        reason="Dorim o dezbatere despre centrele de zi.",
    )
    client = en(as_user("staff"))
    page = client.get(answers_url(consultation)).content.decode()
    assert "Asociația Alfa" in page and "waits for a debate" in page
    assert debate_url(consultation) in page

    today = timezone.localdate()
    client.post(
        debate_url(consultation),
        debate_data(
            today, datetime.datetime.combine(today + datetime.timedelta(days=5), datetime.time(10))
        ),
    )
    page = client.get(answers_url(consultation)).content.decode()
    assert "waits for a debate" not in page


# --- Readiness --------------------------------------------------------------------------------


def run_checks(cycle):
    import strategy.readiness_consultation  # noqa: F401 - registers the checks

    with translation.override("en"):
        return {
            check.key.rsplit(".", 1)[-1]: result for check, result in cycle.stage.run_checks(cycle)
        }


def test_the_consultation_cannot_end_before_its_period_or_with_unanswered_recommendations(
    world, consultation
):
    comment = CommentFactory(consultation=consultation)
    CommentFactory(
        consultation=consultation, hidden_at=timezone.now(), hidden_reason="spam"
    )  # exempt
    results = run_checks(world.cycle)
    assert not results["consultation_period_ended"].done
    assert "until" in results["consultation_period_ended"].detail
    assert not results["every_recommendation_answered"].done
    assert results["every_recommendation_answered"].detail.startswith("0 of 1 answered")

    consultation.comments_until = timezone.localdate() - datetime.timedelta(days=1)
    consultation.save()
    answer_comment(comment=comment, answer="accepted", reason="Da.", user=staff(world))
    results = run_checks(world.cycle)
    assert results["consultation_period_ended"].done
    assert results["every_recommendation_answered"].done
    assert results["every_recommendation_answered"].detail.startswith("1 of 1 answered")


def test_without_a_consultation_the_stage_is_not_ready(world):
    world.cycle.active_stage = "public_consultation"
    world.cycle.save()
    results = run_checks(world.cycle)
    assert not results["consultation_period_ended"].done
    assert not results["every_recommendation_answered"].done


def test_objectives_need_a_specific_objective_and_an_indicator(world):
    world.cycle.active_stage = "objectives"
    world.cycle.save()
    assert not run_checks(world.cycle)["objectives_have_specifics_and_indicators"].done
    strategy = StrategyFactory(municipality=world.municipality, cycle=world.cycle)
    assert not run_checks(world.cycle)["objectives_have_specifics_and_indicators"].done
    first = StrategicObjectiveFactory(strategy=strategy, position=1)
    IndicatorFactory(specific_objective=SpecificObjectiveFactory(objective=first, position=1))
    SpecificObjectiveFactory(objective=first, position=2)  # OS1.2 without an indicator
    StrategicObjectiveFactory(strategy=strategy, position=2)  # OS2 without a specific objective
    result = run_checks(world.cycle)["objectives_have_specifics_and_indicators"]
    assert not result.done
    assert "OS2" in result.detail and "OS1.2" in result.detail and "OS1.1" not in result.detail
    IndicatorFactory(specific_objective=first.specific_objectives.get(position=2))
    second = strategy.objectives.get(position=2)
    IndicatorFactory(specific_objective=SpecificObjectiveFactory(objective=second))
    assert run_checks(world.cycle)["objectives_have_specifics_and_indicators"].done


# --- Permission matrix ------------------------------------------------------------------------


def _consultation(w):
    if not hasattr(w, "consultation"):
        w.consultation = make_consultation(w)
    return w.consultation


def _comment(w):
    return CommentFactory(consultation=_consultation(w))


def _debate(w):
    consultation = _consultation(w)
    return Debate.objects.create(
        consultation=consultation,
        announced_on=consultation.announced_on,
        starts_at=timezone.now() + datetime.timedelta(days=1),
        place="Sala mică",
    )


def _other_consultation(w):
    return PublicConsultationFactory(
        version=StrategyVersionFactory(
            strategy=StrategyFactory(municipality=w.other_municipality, cycle=w.other_cycle)
        )
    )


def _slug(w):
    return w.municipality.slug


CASES = [
    Case(
        "answers page",
        lambda w: answers_url(_consultation(w)),
        statuses(MANAGERS, 200),
    ),
    Case(
        "answer a recommendation",
        lambda w: (lambda c: answer_url(c.consultation, c))(_comment(w)),
        statuses(MANAGERS, 302),
        method="post",
        data={"query": ""},  # the prefixed fields are filled in by the test below
    ),
    Case(
        "schedule a debate (form)",
        lambda w: debate_url(_consultation(w)),
        statuses(MANAGERS, 200),
    ),
    Case(
        "change a debate",
        lambda w: debate_url(_consultation(w), _debate(w)),
        statuses(MANAGERS, 200),
    ),
    Case(
        "make the consultation report",
        lambda w: reverse("consultation-report", args=[_slug(w), _consultation(w).pk]),
        statuses(MANAGERS, 302),
        method="post",
        data={"format": "xlsx"},
    ),
    Case(
        "another municipality's consultation",
        lambda w: reverse("consultation-answers", args=[_slug(w), _other_consultation(w).pk]),
        statuses(MANAGERS, 404),
    ),
    Case(
        "another municipality's debate form",
        lambda w: reverse("debate-create", args=[_slug(w), _other_consultation(w).pk]),
        statuses(MANAGERS, 404),
    ),
    Case(
        "another municipality's report",
        lambda w: reverse("consultation-report", args=[_slug(w), _other_consultation(w).pk]),
        statuses(MANAGERS, 404),
        method="post",
        data={"format": "pdf"},
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    if case.name == "answer a recommendation":
        comment = _comment(world)
        case = Case(
            case.name,
            lambda w: answer_url(comment.consultation, comment),
            case.allowed,
            method="post",
            data=answer_data(comment, "rejected", "Nu se încadrează în buget."),
        )
    check(case, persona, world)
    if case.name == "make the consultation report" and persona in MANAGERS:
        assert GeneratedFile.objects.get().params["format"] == "xlsx"  # the task runs on commit
