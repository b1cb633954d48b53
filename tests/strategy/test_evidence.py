"""Traceability as data: why an objective, what became of a provider's input, unaddressed needs."""

import pytest
from django.urls import reverse
from django.utils import timezone

from beneficiaries import services as coding
from beneficiaries.models import SpiralDimension, Statement
from core.exceptions import DomainError
from strategy import evidence
from strategy.models import StrategicObjective
from strategy.readiness_evidence import objectives_cite_evidence
from tests.factories import (
    AnswerFactory,
    BeneficiaryCategoryFactory,
    ConsultationRoundFactory,
    GroupProposalFactory,
    MeetingFactory,
    RoundResponseFactory,
    SpiralSessionFactory,
    StrategicObjectiveFactory,
    StrategyCycleFactory,
    StrategyFactory,
    WorkingGroupFactory,
)
from tests.matrix import ALL, MANAGERS, Case, check, statuses
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


# --- Helpers ------------------------------------------------------------------------------------


def dimension(code):
    return SpiralDimension.objects.get(code=code)


def say(session, texts, *, question="illbeing", code=None, user=None):
    """Statements of a session, each coded (first coding) with `code` when given."""
    statements = []
    for text in texts:
        statement = Statement.objects.create(
            municipality=session.municipality,
            session=session,
            question=question,
            text=text,
            created_by=user or session.facilitators.first() or _anyone(session),
        )
        if code:
            coding.add_code(
                statement=statement, dimension=dimension(code), user=statement.created_by
            )
        statements.append(statement)
    return statements


def _anyone(session):
    from tests.factories import UserFactory

    return UserFactory()


def strategy_of(world):
    strategy = getattr(world, "_strategy", None)
    if strategy is None:
        strategy = StrategyFactory(municipality=world.municipality, cycle=world.cycle)
        world._strategy = strategy
    return strategy


def objective_of(world, **kwargs):
    return StrategicObjectiveFactory(strategy=strategy_of(world), **kwargs)


def in_stage(world, stage="objectives"):
    world.cycle.active_stage = stage
    world.cycle.save()


def submitted_answer(world, organisation, text, *, cycle=None, municipality=None):
    municipality = municipality or world.municipality
    consultation = ConsultationRoundFactory(
        municipality=municipality, cycle=cycle or world.cycle, invited=[organisation]
    )
    response = RoundResponseFactory(
        round=consultation, organisation=organisation, submitted_at=timezone.now()
    )
    return AnswerFactory(response=response, text=text)


def adopted_proposal(world, title, *, proposed_by=None, members=(), cycle=None):
    group = WorkingGroupFactory(
        municipality=world.municipality, cycle=cycle or world.cycle, members=list(members)
    )
    meeting = MeetingFactory(group=group)
    return GroupProposalFactory(
        group=group, meeting=meeting, title=title, status="adopted", proposed_by=proposed_by
    )


def evidence_url(world, objective):
    return reverse(
        "objective-evidence", args=[world.municipality.slug, objective.strategy_id, objective.pk]
    )


def english(client):
    client.cookies["django_language"] = "en"
    return client


# --- Why this objective ---------------------------------------------------------------------


def test_the_evidence_page_shows_live_counts_that_change_when_a_statement_is_coded(world, as_user):
    objective = objective_of(world, title="Locuințe adaptate", dimensions=[dimension("A03")])
    say(world.session, ["Frig în casă", "Acoperișul curge"], code="A03")
    say(world.session, ["Casa e caldă"], question="wellbeing", code="A03")
    [waiting] = say(world.session, ["Chiria e prea mare"])
    client = as_user("staff")

    [row] = client.get(evidence_url(world, objective)).context["counts"]
    assert (row["total"], row["illbeing"], row["wellbeing"]) == (3, 2, 1)
    assert row["groups"] == [{"name": "Vârstnici", "total": 3, "illbeing": 2}]

    coding.add_code(statement=waiting, dimension=dimension("A03"), user=world.users["staff"])
    response = client.get(evidence_url(world, objective))
    [row] = response.context["counts"]
    assert (row["total"], row["illbeing"]) == (4, 3)
    assert "Vârstnici: 4 (3)" in response.content.decode()


def test_counts_come_only_from_the_objectives_cycle(world, as_user):
    objective = objective_of(world, dimensions=[dimension("A03")])
    other_cycle = StrategyCycleFactory(municipality=world.municipality)
    say(SpiralSessionFactory(municipality=world.municipality, cycle=other_cycle), ["x"], code="A03")
    say(world.other_session, ["y"], code="A03")
    [row] = as_user("staff").get(evidence_url(world, objective)).context["counts"]
    assert row["total"] == 0


def test_staff_cite_statements_answers_and_proposals_and_the_history_keeps_who(world, as_user):
    in_stage(world)
    objective = objective_of(world)
    [statement] = say(world.session, ["Nu am cu cine vorbi"], code="G01")
    answer = submitted_answer(world, world.org_a, "Lipsesc centrele de zi pentru vârstnici.")
    proposal = adopted_proposal(world, "Centru de zi în Ferneziu", proposed_by=world.org_a)
    client = english(as_user("staff"))

    response = client.post(
        evidence_url(world, objective),
        {
            "action": "cite",
            "statements": [statement.pk],
            "answers": [answer.pk],
            "proposals": [proposal.pk],
        },
    )
    assert response.status_code == 302
    assert list(objective.statements.all()) == [statement]
    assert list(objective.answers.all()) == [answer]
    assert list(objective.proposals.all()) == [proposal]
    record = objective.history.order_by("-history_id").first()
    assert record.history_user == world.users["staff"]
    assert [s.statement_id for s in record.statements.all()] == [statement.pk]

    page = client.get(evidence_url(world, objective)).content.decode()
    for text in ("Nu am cu cine vorbi", "Asociația Alfa", "Lipsesc centrele de zi", "Centru de zi"):
        assert text in page
    assert statement.created_by.username not in page  # no identity of whoever typed it


def test_removing_evidence_keeps_the_rest_and_is_recorded(world, as_user):
    in_stage(world)
    objective = objective_of(world)
    first, second = say(world.session, ["Unu", "Doi"], code="A01")
    evidence.cite(objective=objective, statements=[first, second], user=world.users["staff"])
    before = objective.history.count()
    response = as_user("administrator").post(
        evidence_url(world, objective), {"action": "uncite", "statements": [first.pk]}
    )
    assert response.status_code == 302
    assert list(objective.statements.all()) == [second]
    assert objective.history.count() == before + 1
    assert objective.history.first().history_user == world.users["administrator"]


def test_dimensions_are_chosen_from_families_in_optgroups(world, as_user):
    in_stage(world)
    objective = objective_of(world)
    client = as_user("staff")
    page = client.get(evidence_url(world, objective)).content.decode()
    assert '<optgroup label="A ' in page and '<optgroup label="G ' in page
    response = client.post(
        evidence_url(world, objective),
        {"action": "dimensions", "dimensions": [dimension("A03").pk, dimension("G01").pk]},
    )
    assert response.status_code == 302
    assert sorted(d.code for d in objective.dimensions.all()) == ["A03", "G01"]
    assert objective.history.first().history_user == world.users["staff"]


def test_citing_evidence_of_another_cycle_or_municipality_is_refused(world, as_user):
    in_stage(world)
    objective = objective_of(world)
    [mine] = say(world.session, ["Al nostru"], code="A01")
    other_cycle = StrategyCycleFactory(municipality=world.municipality)
    [old] = say(SpiralSessionFactory(municipality=world.municipality, cycle=other_cycle), ["Vechi"])
    [foreign] = say(world.other_session, ["Străin"])
    old_answer = submitted_answer(world, world.org_a, "Vechi", cycle=other_cycle)
    draft = AnswerFactory(
        response=RoundResponseFactory(
            round=ConsultationRoundFactory(municipality=world.municipality, cycle=world.cycle),
            organisation=world.org_b,
        )
    )
    old_proposal = adopted_proposal(world, "Veche", cycle=other_cycle)
    client = as_user("staff")
    history_before = objective.history.count()

    for field, pk in [
        ("statements", old.pk),
        ("statements", foreign.pk),
        ("answers", old_answer.pk),
        ("answers", draft.pk),
        ("proposals", old_proposal.pk),
        ("statements", 999999),
    ]:
        data = {"action": "cite", "statements": [mine.pk]}
        data[field] = [*data.get(field, []), pk]
        response = client.post(evidence_url(world, objective), data)
        assert response.status_code == 400, field
        assert field in response.context["errors_form"].errors
    assert not objective.statements.exists()
    assert not objective.answers.exists() and not objective.proposals.exists()
    assert objective.history.count() == history_before


def test_the_cite_service_refuses_another_cycles_evidence_and_writes_nothing(world):
    objective = objective_of(world)
    [mine] = say(world.session, ["Al nostru"])
    [foreign] = say(world.other_session, ["Străin"])
    with pytest.raises(DomainError):
        evidence.cite(objective=objective, statements=[mine, foreign], user=world.users["staff"])
    assert not objective.statements.exists()


def test_citing_nothing_or_an_unknown_action_is_a_400(world, as_user):
    in_stage(world)
    objective = objective_of(world)
    client = as_user("staff")
    assert client.post(evidence_url(world, objective), {"action": "cite"}).status_code == 400
    assert client.post(evidence_url(world, objective), {"action": "drop"}).status_code == 400
    response = client.post(evidence_url(world, objective), {"action": "uncite", "answers": "x"})
    assert response.status_code == 400
    assert "answers" in response.context["errors_form"].errors


def test_staff_blocked_by_the_stage_read_the_evidence_and_are_told_which_stage_allows_it(
    world, as_user
):
    objective = objective_of(world)  # the cycle is still in the "visions" stage
    [statement] = say(world.session, ["Ceva"])
    client = english(as_user("staff"))
    page = client.get(evidence_url(world, objective))
    assert page.status_code == 200 and "Add evidence" not in page.content.decode()
    response = client.post(
        evidence_url(world, objective), {"action": "cite", "statements": [statement.pk]}
    )
    assert response.status_code == 403
    assert "Strategic objectives" in response.content.decode()
    assert not objective.statements.exists()


def test_the_statement_picker_filters_by_dimension_and_text_twenty_a_page(world, as_user):
    in_stage(world)
    objective = objective_of(world)
    say(world.session, [f"Frig {i}" for i in range(25)], code="A03")
    say(world.session, ["Frig dar alt cod"], code="A01")
    [cited] = say(world.session, ["Frig deja citat"], code="A03")
    evidence.cite(objective=objective, statements=[cited], user=world.users["staff"])
    say(world.other_session, ["Frig străin"], code="A03")
    client = as_user("staff")
    url = evidence_url(world, objective)

    page = client.get(url, {"dimension": dimension("A03").pk}).context["page_obj"]
    assert page.paginator.count == 25 and len(page.object_list) == 20
    assert client.get(url, {"q": "alt cod"}).context["page_obj"].paginator.count == 1
    texts = {s.text for s in client.get(url, {"q": "frig", "page": 2}).context["page_obj"]}
    assert "Frig deja citat" not in texts and "Frig străin" not in texts


def test_the_answer_and_proposal_pickers_list_only_this_cycle(world, as_user):
    in_stage(world)
    objective = objective_of(world)
    answer = submitted_answer(world, world.org_a, "Răspuns curent")
    answer.dimensions.set([dimension("A02")])
    submitted_answer(world, world.org_b, "Alt răspuns")
    submitted_answer(
        world,
        world.org_a,
        "Din alt ciclu",
        cycle=StrategyCycleFactory(municipality=world.municipality),
    )
    adopted = adopted_proposal(world, "Adoptată")
    GroupProposalFactory(group=adopted.group, title="În discuție")
    client = as_user("staff")
    url = evidence_url(world, objective)

    answers = client.get(url, {"add": "answers"}).context["page_obj"].object_list
    assert {a.text for a in answers} == {"Răspuns curent", "Alt răspuns"}
    tagged = client.get(url, {"add": "answers", "dimension": dimension("A02").pk})
    assert [a.pk for a in tagged.context["page_obj"]] == [answer.pk]
    proposals = client.get(url, {"add": "proposals"}).context["page_obj"].object_list
    assert [p.title for p in proposals] == ["Adoptată"]
    every = client.get(url, {"add": "proposals", "status": "all"}).context["page_obj"]
    assert {p.title for p in every} == {"Adoptată", "În discuție"}


# --- What became of my input ------------------------------------------------------------------


def test_a_provider_sees_its_answer_and_the_objective_citing_it_never_another_organisations(
    world, as_user
):
    objective_of(world, title="Primul obiectiv")
    cited = objective_of(world, title="Servicii de zi pentru vârstnici")
    mine = submitted_answer(world, world.org_a, "Răspunsul Alfa despre centre de zi")
    uncited = submitted_answer(world, world.org_a, "Răspunsul Alfa necitat")
    theirs = submitted_answer(world, world.org_b, "Răspunsul Beta secret")
    AnswerFactory(
        response=RoundResponseFactory(
            round=ConsultationRoundFactory(municipality=world.municipality, cycle=world.cycle),
            organisation=world.org_a,
        ),
        text="Ciorna Alfa",
    )
    own_proposal = adopted_proposal(world, "Propunerea Alfa", proposed_by=world.org_a)
    group_proposal = adopted_proposal(
        world, "Adoptată în grupul nostru", proposed_by=world.org_b, members=[world.org_a]
    )
    beta_only = adopted_proposal(world, "Propunerea Beta", proposed_by=world.org_b)
    evidence.cite(
        objective=cited,
        answers=[mine, theirs],
        proposals=[own_proposal, beta_only],
        user=world.users["staff"],
    )
    url = reverse("provider-input", args=[world.municipality.slug])

    response = english(as_user("provider_a")).get(url)
    page = response.content.decode()
    assert "Răspunsul Alfa despre centre de zi" in page
    assert "OS2 Servicii de zi pentru vârstnici" in page
    assert "Răspunsul Alfa necitat" in page and "not cited yet" in page
    assert "Propunerea Alfa" in page and "Adoptată în grupul nostru" in page
    assert "Răspunsul Beta secret" not in page and "Propunerea Beta" not in page
    assert "Ciorna Alfa" not in page
    assert {a.pk for a in response.context["answers"]} == {mine.pk, uncited.pk}
    assert {p.pk for p in response.context["proposals"]} == {own_proposal.pk, group_proposal.pk}

    other = as_user("provider_b").get(url).content.decode()
    assert "Răspunsul Alfa" not in other and "Propunerea Alfa" not in other
    assert "Răspunsul Beta secret" in other and "Propunerea Beta" in other


# --- Needs no objective addresses -----------------------------------------------------------


def test_unaddressed_needs_list_a_frequent_illbeing_dimension_until_an_objective_takes_it(
    world, as_user
):
    strategy = strategy_of(world)
    say(world.session, [f"Frig {i}" for i in range(5)], code="A03")
    say(world.session, [f"Singur {i}" for i in range(2)], code="G01")  # too few to be a need
    say(world.session, [f"Vecini {i}" for i in range(6)], question="wellbeing", code="D04")
    say(world.other_session, [f"Străin {i}" for i in range(6)], code="A05")

    needs = evidence.unaddressed_needs(strategy)
    assert [(n["category"], n["code"], n["statements"]) for n in needs] == [("Vârstnici", "A03", 5)]
    url = reverse("strategy-unaddressed-needs", args=[world.municipality.slug, strategy.pk])
    page = as_user("staff").get(url).content.decode()
    assert "A03" in page and "G01" not in page and "D04" not in page

    objective = objective_of(world)
    evidence.set_dimensions(
        objective=objective, dimensions=[dimension("A03")], user=world.users["staff"]
    )
    assert evidence.unaddressed_needs(strategy) == []
    response = as_user("staff").get(url)
    assert response.context["unaddressed"] == []
    assert evidence_url(world, objective) in response.content.decode()


def test_the_needs_of_a_group_are_its_five_most_frequent_illbeing_dimensions(world):
    strategy = strategy_of(world)
    for count, code in zip(
        range(10, 4, -1), ["A01", "A02", "A03", "A05", "A06", "A07"], strict=True
    ):
        say(world.session, [f"{code} {i}" for i in range(count)], code=code)
    young = SpiralSessionFactory(
        municipality=world.municipality,
        cycle=world.cycle,
        category=BeneficiaryCategoryFactory(
            municipality=world.municipality, key="tineri", name="Tineri"
        ),
    )
    say(young, [f"T {i}" for i in range(5)], code="A07")
    needs = evidence.unaddressed_needs(strategy)
    assert [(n["category"], n["code"]) for n in needs] == [
        ("Tineri", "A07"),
        ("Vârstnici", "A01"),
        ("Vârstnici", "A02"),
        ("Vârstnici", "A03"),
        ("Vârstnici", "A05"),
        ("Vârstnici", "A06"),
    ]


# --- Readiness ------------------------------------------------------------------------------


def test_the_readiness_check_names_the_objectives_without_evidence(world):
    assert not objectives_cite_evidence(world.cycle).done  # no strategy yet
    strategy_of(world)
    assert not objectives_cite_evidence(world.cycle).done  # no objective yet
    first = objective_of(world, dimensions=[dimension("A03")])
    second = objective_of(world)
    [statement] = say(world.session, ["Frig"], code="A03")
    evidence.cite(objective=first, statements=[statement], user=world.users["staff"])

    result = objectives_cite_evidence(world.cycle)
    assert not result.done
    assert "OS2" in result.detail and "OS1" not in result.detail

    evidence.set_dimensions(objective=second, dimensions=[dimension("G01")], user=None)
    assert "OS2" in objectives_cite_evidence(world.cycle).detail  # still nothing cited
    proposal = adopted_proposal(world, "Propunere")
    evidence.cite(objective=second, proposals=[proposal], user=world.users["staff"])
    assert objectives_cite_evidence(world.cycle).done


# --- Permissions ----------------------------------------------------------------------------


def _evidence_url(world):
    return evidence_url(world, objective_of(world))


def _foreign_objective_url(world):
    foreign = StrategicObjectiveFactory(
        strategy=StrategyFactory(municipality=world.other_municipality, cycle=world.other_cycle)
    )
    return reverse(
        "objective-evidence", args=[world.municipality.slug, foreign.strategy_id, foreign.pk]
    )


def _objective_of_another_strategy_url(world):
    other = StrategicObjectiveFactory(
        strategy=StrategyFactory(
            municipality=world.municipality,
            cycle=StrategyCycleFactory(municipality=world.municipality),
        )
    )
    return reverse(
        "objective-evidence", args=[world.municipality.slug, strategy_of(world).pk, other.pk]
    )


CASES = [
    Case("why this objective", _evidence_url, statuses(MANAGERS, 200)),
    Case(
        "change the evidence in the objectives stage",
        _evidence_url,
        statuses(MANAGERS, 302),
        method="post",
        data={"action": "dimensions"},
        setup=in_stage,
    ),
    Case(
        "change the evidence outside the editing stages",
        _evidence_url,
        {},
        method="post",
        data={"action": "dimensions"},
    ),
    Case("another municipality's objective", _foreign_objective_url, statuses(MANAGERS, 404)),
    Case(
        "an objective of another strategy",
        _objective_of_another_strategy_url,
        statuses(MANAGERS, 404),
    ),
    Case(
        "needs no objective addresses",
        lambda w: reverse(
            "strategy-unaddressed-needs", args=[w.municipality.slug, strategy_of(w).pk]
        ),
        statuses(MANAGERS, 200),
    ),
    Case(
        "another municipality's unaddressed needs",
        lambda w: reverse(
            "strategy-unaddressed-needs",
            args=[
                w.municipality.slug,
                StrategyFactory(municipality=w.other_municipality, cycle=w.other_cycle).pk,
            ],
        ),
        statuses(MANAGERS, 404),
    ),
    Case(
        "what became of our input",
        lambda w: reverse("provider-input", args=[w.municipality.slug]),
        statuses(("provider_a", "provider_b"), 200),
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)


def test_other_staff_reach_nothing_of_this_municipality_through_their_own_slug(world, as_user):
    objective = objective_of(world)
    url = reverse("objective-evidence", args=["beta", objective.strategy_id, objective.pk])
    assert as_user("other_staff").get(url).status_code == 404


# --- Constant queries -----------------------------------------------------------------------


def _cite_some(world, objective, n, start):
    """Cite n of each kind, and leave one of each for the pickers to list."""
    say(world.session, [f"Necitată {start}"], code="G01")
    submitted_answer(world, world.org_b, f"Necitat {start}")
    adopted_proposal(world, f"Necitată {start}", proposed_by=world.org_b)
    statements = say(world.session, [f"Declarația {start + i}" for i in range(n)], code="A03")
    answers = [submitted_answer(world, world.org_a, f"Răspunsul {start + i}") for i in range(n)]
    proposals = [
        adopted_proposal(world, f"Propunerea {start + i}", proposed_by=world.org_a)
        for i in range(n)
    ]
    evidence.cite(
        objective=objective,
        statements=statements,
        answers=answers,
        proposals=proposals,
        user=world.users["staff"],
    )


def test_the_evidence_page_keeps_a_constant_number_of_queries(world, as_user):
    in_stage(world)
    objective = objective_of(world)
    evidence.set_dimensions(
        objective=objective, dimensions=[dimension("A03"), dimension("G01")], user=None
    )
    client = as_user("staff")
    url = evidence_url(world, objective)
    kinds = ("statements", "answers", "proposals")

    def queries(kind):
        return count_queries(lambda: client.get(url, {"add": kind}))

    _cite_some(world, objective, 1, 0)
    counts_one = {kind: queries(kind) for kind in kinds}
    _cite_some(world, objective, 6, 1)
    say(world.session, [f"Necitat {i}" for i in range(30)], code="G01")
    counts_many = {kind: queries(kind) for kind in kinds}
    assert counts_many == counts_one


def test_the_provider_page_keeps_a_constant_number_of_queries(world, as_user):
    objective = objective_of(world)
    client = as_user("provider_a")
    url = reverse("provider-input", args=[world.municipality.slug])
    _cite_some(world, objective, 1, 0)
    one = count_queries(lambda: client.get(url))
    _cite_some(world, objective, 6, 1)
    second = StrategicObjectiveFactory(
        strategy=StrategyFactory(
            municipality=world.municipality,
            cycle=StrategyCycleFactory(municipality=world.municipality),
        )
    )
    evidence.cite(
        objective=second,
        proposals=[
            adopted_proposal(world, "Alta", proposed_by=world.org_a, cycle=second.strategy.cycle)
        ],
        user=world.users["staff"],
    )
    assert count_queries(lambda: client.get(url)) == one
    assert StrategicObjective.objects.count() == 2


def test_the_objectives_stage_waits_for_every_frequent_need_to_have_an_objective(world):
    from strategy.readiness_evidence import frequent_needs_addressed

    strategy = strategy_of(world)
    say(world.session, [f"Frig {i}" for i in range(5)], code="A03")
    result = frequent_needs_addressed(world.cycle)
    assert not result.done and "A03" in result.detail
    evidence.set_dimensions(
        objective=objective_of(world), dimensions=[dimension("A03")], user=world.users["staff"]
    )
    assert frequent_needs_addressed(strategy.cycle).done
