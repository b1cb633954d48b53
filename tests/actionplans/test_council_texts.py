"""The texts of a draft decision: Spirala's defaults, the placeholders filled from the data (the
raport's figures, never a small cell of the map of needs), and the municipality's own templates
that a new draft starts from."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from actionplans import council, council_texts
from actionplans.models import DecisionTemplate, DraftDecision, Opinion
from beneficiaries import services as spiral
from beneficiaries.models import SpiralDimension, Statement
from tests.factories import (
    ActionPlanFactory,
    BeneficiaryCategoryFactory,
    BudgetLineFactory,
    CommentFactory,
    ConsultationRoundFactory,
    GroupProposalFactory,
    MeasureFactory,
    MeetingFactory,
    MunicipalityFactory,
    OpinionFactory,
    OrganisationFactory,
    PublicConsultationFactory,
    RoundResponseFactory,
    SpecificObjectiveFactory,
    SpiralSessionFactory,
    StrategicObjectiveFactory,
    StrategyFactory,
    StrategyVersionFactory,
    WorkingGroupFactory,
)
from tests.matrix import ALL, Case, check
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


# --- A small world ---------------------------------------------------------------------------


def say(session, question, count, code, user, text="Criteriu"):
    dimension = SpiralDimension.objects.get(code=code)
    for i in range(count):
        statement = Statement.objects.create(
            municipality=session.municipality,
            session=session,
            question=question,
            text=f"{text} {code} {i}",
            created_by=user,
        )
        spiral.add_code(statement=statement, dimension=dimension, user=user)


def build_world(world):
    """Two SPIRAL groups with coded statements and a published map of needs; a closed round with
    two of three providers answering; a working group; a public consultation with answered
    recommendations and a debate held; a strategy version and a plan with a budget."""
    staff = world.users["staff"]
    cycle = world.cycle
    now = timezone.now()
    # SPIRAL: 9 older people (world.session) and 8 people with disabilities.
    disabled = SpiralSessionFactory(
        municipality=world.municipality,
        cycle=cycle,
        category=BeneficiaryCategoryFactory(
            municipality=world.municipality, key="dizabilitati", name="Persoane cu dizabilități"
        ),
        date=datetime.date(2026, 4, 20),
        women=4,
        men=4,
    )
    say(world.session, "illbeing", 6, "A03", staff)  # housing: 6
    say(world.session, "illbeing", 3, "G01", staff)  # self-esteem: 3, a small cell
    say(world.session, "wellbeing", 5, "D04", staff)
    say(disabled, "illbeing", 7, "B01", staff)  # healthy environment: 7
    spiral.publish_analysis(cycle=cycle, user=staff)
    # Providers: three invited, two answered.
    third = OrganisationFactory(municipality=world.municipality, name="Fundația Gama")
    invited = [world.org_a, world.org_b, third]
    rounds = ConsultationRoundFactory(
        municipality=world.municipality,
        cycle=cycle,
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now - datetime.timedelta(days=2),
        invited=invited,
    )
    for organisation in invited[:2]:
        RoundResponseFactory(round=rounds, organisation=organisation, submitted_at=now)
    group = WorkingGroupFactory(
        municipality=world.municipality,
        cycle=cycle,
        name="Locuire și viață independentă",
        members=[world.org_a, world.org_b],
    )
    meeting = MeetingFactory(group=group, minutes="Propuneri discutate.")
    GroupProposalFactory(group=group, meeting=meeting, status="adopted")
    GroupProposalFactory(group=group)
    # The strategy and its public consultation.
    strategy = StrategyFactory(municipality=world.municipality, cycle=cycle)
    objective = StrategicObjectiveFactory(strategy=strategy)
    specific = SpecificObjectiveFactory(objective=objective)
    SpecificObjectiveFactory(objective=objective)
    consulted = StrategyVersionFactory(strategy=strategy, published_by=staff)
    consultation = PublicConsultationFactory(
        version=consulted,
        announced_on=datetime.date(2026, 4, 1),
        comments_until=datetime.date(2026, 4, 11),
    )
    for answer in ("accepted", "accepted", "accepted", "partly", "rejected"):
        CommentFactory(
            consultation=consultation,
            answer=answer,
            answer_reason="Motivare",
            answered_at=now,
            answered_by=staff,
        )
    consultation.debates.create(
        announced_on=datetime.date(2026, 4, 5),
        starts_at=timezone.make_aware(datetime.datetime(2026, 4, 15, 17, 0)),
        place="Sala de consiliu",
        minutes="Minuta dezbaterii.",
    )
    version = StrategyVersionFactory(strategy=strategy, published_by=staff)
    # The plan: one existing service and one new, from the local and the state budget.
    plan = ActionPlanFactory(municipality=world.municipality, cycle=cycle, created_by=staff)
    existing = MeasureFactory(plan=plan, specific_objective=specific, beneficiaries=80)
    BudgetLineFactory(measure=existing, source="local", amount=Decimal("125000.00"))
    new = MeasureFactory(plan=plan, specific_objective=specific, section="new", beneficiaries=20)
    BudgetLineFactory(measure=new, source="state", amount=Decimal("50000.00"))
    cycle.active_stage = "council_approval"
    cycle.save()
    return version, plan


def start(world, kind="strategy"):
    version, plan = build_world(world)
    decision = council.create_decision(
        cycle=world.cycle,
        kind=kind,
        plan=plan,
        strategy_version=version,
        initiator="Primar, Ion Popescu",
        user=world.users["staff"],
    )
    return council.update_decision(
        decision=decision,
        data={
            "referat_number": "1201",
            "referat_date": datetime.date(2026, 5, 12),
            "raport_number": "1202",
            "raport_date": datetime.date(2026, 5, 13),
        },
        user=world.users["staff"],
    )


def add_opinions(decision, user):
    OpinionFactory(
        decision=decision,
        issuer="Comisia pentru sănătate, asistență socială, cultură și culte",
        number="34",
        date=YESTERDAY,
        added_by=user,
    )
    OpinionFactory(
        decision=decision,
        body=Opinion.Body.COUNTY,
        issuer="Consiliul Județean Cluj",
        number="77",
        date=YESTERDAY,
        added_by=user,
    )


def fresh(decision):
    return DraftDecision.objects.get(pk=decision.pk)


# --- The defaults ----------------------------------------------------------------------------


def test_the_defaults_name_only_known_placeholders_and_every_part_of_both_kinds():
    for kind in ("strategy", "plan"):
        assert set(council_texts.DEFAULT_TEMPLATES[kind]) == set(council_texts.PARTS)
        for part, text in council_texts.DEFAULT_TEMPLATES[kind].items():
            assert text.strip(), (kind, part)
            assert council_texts.unknown_placeholders(text) == [], (kind, part)
            council_texts.validate_template(text)


def test_the_articles_are_numbered_paragraphs_and_the_dossier_keeps_art_196_out():
    for kind, annexes in (("strategy", ("anexa nr. 1", "anexa nr. 2")), ("plan", ("anexa",))):
        texts = council_texts.DEFAULT_TEMPLATES[kind]
        articles = council_texts.paragraphs(texts["articles"])
        assert len(articles) >= 4
        for number, article in enumerate(articles, start=1):
            assert article.startswith(f"Art. {number}. "), article
        assert all(annex in articles[0] + articles[1] for annex in annexes)
        assert any("Instituției Prefectului – Județul {{ county }}" in a for a in articles)
        assert any("{{ department }}" in a for a in articles)
        for text in texts.values():
            assert "art. 196" not in text
        basis = texts["legal_basis"]
        assert "Legea asistenței sociale nr. 292/2011" in basis
        assert "art. 129 alin. (2) lit. d) și alin. (7) lit. b)" in basis
        assert "Legea nr. 52/2003" in basis
        assert len(council_texts.paragraphs(texts["raport_text"])) >= 5
        assert len(council_texts.paragraphs(texts["referat_text"])) >= 3
    assert "lit. a)" in council_texts.DEFAULT_TEMPLATES["strategy"]["legal_basis"]
    assert "{{ county_opinion }}" in council_texts.DEFAULT_TEMPLATES["plan"]["preamble"]


def test_a_placeholder_not_in_the_table_is_refused_by_name():
    with pytest.raises(Exception) as error:
        council_texts.validate_template("Anul {{ plan_year }} și {{ nu_exista }}")
    assert "{{ nu_exista }}" in str(error.value)
    assert council_texts.unknown_placeholders("{{plan_year}} {{ budget_total }}") == []


# --- Romanian writing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "nicio sesiune"),
        (1, "1 sesiune"),
        (12, "12 sesiuni"),
        (19, "19 sesiuni"),
        (20, "20 de sesiuni"),
        (101, "101 sesiuni"),
        (120, "120 de sesiuni"),
        (1200, "1.200 de sesiuni"),
    ],
)
def test_counts_are_written_the_romanian_way(n, expected):
    assert council_texts.ro_count(n, "sesiune", "sesiuni", "nicio sesiune") == expected


def test_amounts_dates_and_shares_are_written_the_romanian_way():
    assert council_texts.ro_money(Decimal("1250000")) == "1.250.000,00 lei"
    assert council_texts.ro_money(Decimal("99.5")) == "99,50 lei"
    assert council_texts.ro_date(datetime.date(2026, 3, 5)) == "05.03.2026"
    assert council_texts.ro_percent(2, 3) == "66,7%"
    assert council_texts.ro_list(["a", "b", "c"]) == "a, b și c"


def test_the_authority_is_named_for_a_commune_and_a_county():
    commune = MunicipalityFactory(name="Comuna Florești", kind="comuna", county="Cluj")
    names = council_texts.authority_names(commune)
    assert names["uat_of"] == "Comunei Florești"
    assert names["council_of"] == "Consiliului Local al Comunei Florești"
    assert names["executive"] == "Primarul Comunei Florești"
    assert "compartimentul de asistență socială" in names["department"]
    county = MunicipalityFactory(name="Cluj", kind="judet", county="Cluj")
    assert council_texts.authority_names(county)["council"] == "Consiliul Județean Cluj"
    town = MunicipalityFactory(name="Gherla", kind="oras", department="DAS Gherla")
    assert council_texts.authority_names(town)["uat_of"] == "Orașului Gherla"
    assert council_texts.authority_names(town)["department"] == "DAS Gherla"


# --- Filled from the data --------------------------------------------------------------------


def test_every_placeholder_is_filled_and_the_raport_holds_the_figures(world):
    decision = start(world)
    add_opinions(decision, world.users["staff"])
    texts = council_texts.rendered(fresh(decision))
    for part, text in texts.items():
        assert "{{" not in text and "}}" not in text, part
    context = council_texts.text_context(fresh(decision))
    assert set(context) == set(council_texts.PLACEHOLDERS)
    assert all(isinstance(value, str) for value in context.values())

    assert texts["title"] == (
        "privind aprobarea Strategiei locale de dezvoltare a serviciilor sociale a Municipiului "
        "Arcadia pentru perioada 2026–2030 și a Planului anual de acțiune privind serviciile "
        "sociale pentru anul 2027"
    )
    preamble = council_texts.lines(texts["preamble"])
    assert preamble[0].startswith("referatul de aprobare al inițiatorului, Primar, Ion Popescu")
    assert "nr. 1201 din 12.05.2026" in preamble[0]
    assert "nr. 1202 din 13.05.2026" in preamble[1]
    assert any(
        "avizul favorabil nr. 34" in line and "Comisia pentru sănătate" in line for line in preamble
    )
    assert any("avizul consultativ favorabil nr. 77" in line for line in preamble)
    consultation = next(line for line in preamble if "Legea nr. 52/2003" in line)
    assert "01.04.2026" in consultation and "11.04.2026" in consultation
    assert "5 recomandări: acceptate – 3, acceptate parțial – 1, respinse – 1" in consultation
    assert "minuta dezbaterii publice din 15.04.2026" in consultation
    assert "Județul Cluj" in texts["articles"]
    assert "Direcția de Asistență Socială a Municipiului Arcadia" in texts["articles"]

    raport = texts["raport_text"]
    for figure in (
        "2 sesiuni",
        "12.03.2026 – 20.04.2026",
        "2 grupuri omogene",
        "2 categorii de beneficiari (persoane cu dizabilități și vârstnici)",
        "17 participanți",
        "21 de afirmații",
        "Cadrul de viață (7 afirmații) și Accesul la resursele esențiale (6 afirmații)",
        "vârstnici – Locuință (6 afirmații)",
        "au fost organizate 2 sesiuni SPIRAL",
        "1 rundă de consultare",
        "3 furnizori",
        "2 răspunsuri",
        "66,7%",
        "A funcționat grupul de lucru tematic „Locuire și viață independentă”, cu participarea "
        "a 2 organizații, care s-a reunit în 1 întâlnire și a formulat 2 propuneri, dintre care "
        "1 adoptată.",
        "5 recomandări",
        "acceptate integral 3, acceptate parțial 1 și respinse 1",
        "au fost invitați 3 furnizori, care au transmis",
        "1 dezbatere publică (15.04.2026)",
        "2 măsuri",
        "100 de beneficiari",
        "175.000,00 lei",
        "bugetul local – 125.000,00 lei; bugetul de stat – 50.000,00 lei",
        "1 obiectiv strategic",
        "2 obiective specifice",
        "legalitate și de oportunitate",
    ):
        assert figure in raport, figure
    assert f"versiunea nr. {decision.strategy_version.number}" in raport


def test_a_small_cell_of_the_map_of_needs_is_never_shown(world):
    decision = start(world)
    context = council_texts.text_context(fresh(decision))
    texts = council_texts.rendered(fresh(decision))
    everything = " ".join([*texts.values(), context["top_needs"], context["needs_by_group"]])
    # Self-esteem (G01, family G) was said 3 times: neither the family nor its count appear.
    assert "Sentimentele" not in everything
    assert "Stimă de sine" not in everything
    assert "(3 afirmații)" not in everything
    for count in re.findall(r"\((\d+) (?:de )?afirmații\)", everything):
        assert int(count) >= 5


def test_a_plan_decision_asks_for_the_county_opinion_until_it_is_recorded(world):
    version, plan = build_world(world)
    decision = council.create_decision(
        cycle=world.cycle, kind="plan", plan=plan, user=world.users["staff"], initiator="Primar"
    )
    preamble = council_texts.lines(council_texts.rendered(fresh(decision))["preamble"])
    county = next(
        line for line in preamble if "aviz consultativ" in line or "avizul consultativ" in line
    )
    assert "nr. …… din …… al Consiliului Județean Cluj" in county
    assert "referatul de aprobare" in preamble[0] and "nr. …… din ……" in preamble[0]
    OpinionFactory(decision=decision, body="county", number="9", added_by=world.users["staff"])
    preamble = council_texts.lines(council_texts.rendered(fresh(decision))["preamble"])
    assert any("avizul consultativ favorabil nr. 9" in line for line in preamble)
    assert not any("……" in line and "consultativ" in line for line in preamble)
    texts = council_texts.rendered(fresh(decision))
    assert texts["title"].endswith("Consiliului Local al Municipiului Arcadia pentru anul 2027")
    assert "strategiei" not in texts["preamble"]  # no Law 52 line of the strategy for a plan


def test_the_strategys_hcl_becomes_a_legal_basis_of_a_later_plan(world):
    decision = start(world)
    decision.status = DraftDecision.Status.ADOPTED
    decision.save()
    decision.votes.create(
        decision_number="87",
        decision_date=datetime.date(2026, 6, 25),
        in_office=23,
        present=19,
        votes_for=15,
        votes_against=2,
        abstentions=2,
        adopted=True,
        recorded_by=world.users["secretary"],
    )
    later = ActionPlanFactory(
        municipality=world.municipality,
        cycle=world.cycle,
        year=2028,
        created_by=world.users["staff"],
    )
    plan_decision = council.create_decision(
        cycle=world.cycle, kind="plan", plan=later, user=world.users["staff"], initiator="Primar"
    )
    basis = council_texts.lines(council_texts.rendered(fresh(plan_decision))["legal_basis"])
    assert any(
        line.startswith("Hotărârea Consiliului Local al Municipiului Arcadia nr. 87 din 25.06.2026")
        for line in basis
    )


def test_without_data_the_texts_still_read_and_leave_no_placeholder(world):
    plan = ActionPlanFactory(
        municipality=world.municipality, cycle=world.cycle, created_by=world.users["staff"]
    )
    world.cycle.active_stage = "council_approval"
    world.cycle.save()
    world.session.delete()
    decision = council.create_decision(
        cycle=world.cycle, kind="plan", plan=plan, user=world.users["staff"], initiator="Primar"
    )
    texts = council_texts.rendered(fresh(decision))
    assert all("{{" not in text for text in texts.values())
    assert "nu au fost organizate sesiuni SPIRAL" in texts["raport_text"]
    assert (
        "nicio rundă" in texts["raport_text"]
        or "Nu a fost organizată nicio rundă" in texts["raport_text"]
    )
    assert "măsurilor nu le-a fost încă alocat buget" in texts["raport_text"]
    assert not any(line == ";" for line in council_texts.lines(texts["legal_basis"]))


def _grow(world, decision):
    """More of everything the texts count: sessions, statements, responses, comments, debates,
    measures, budget lines, opinions, working groups."""
    staff = world.users["staff"]
    for index in range(3):
        session = SpiralSessionFactory(
            municipality=world.municipality,
            cycle=world.cycle,
            category=BeneficiaryCategoryFactory(
                municipality=world.municipality, key=f"cat{index}", name=f"Categoria {index}"
            ),
        )
        say(session, "illbeing", 6, "A01", staff, text=f"Mai mult {index}")
    spiral.publish_analysis(cycle=world.cycle, user=staff)
    rounds = ConsultationRoundFactory(municipality=world.municipality, cycle=world.cycle)
    for _index in range(4):
        organisation = OrganisationFactory(municipality=world.municipality)
        rounds.invited.add(organisation)
        RoundResponseFactory(round=rounds, organisation=organisation, submitted_at=timezone.now())
    for index in range(2):
        group = WorkingGroupFactory(
            municipality=world.municipality, cycle=world.cycle, name=f"Grupul {index}"
        )
        MeetingFactory(group=group)
        GroupProposalFactory(group=group)
    consultation = decision.cycle.strategy.versions.order_by("number").first().consultation
    for _index in range(6):
        CommentFactory(consultation=consultation)
    for _index in range(5):
        measure = MeasureFactory(
            plan=decision.plan, specific_objective=decision.plan.measures.first().specific_objective
        )
        BudgetLineFactory(measure=measure, source="eu")
        BudgetLineFactory(measure=measure, source="local")
    add_opinions(decision, staff)


def test_the_placeholders_cost_a_constant_number_of_queries(world):
    decision = start(world)
    add_opinions(decision, world.users["staff"])
    small = count_queries(lambda: council_texts.text_context(fresh(decision)))
    _grow(world, decision)
    large = count_queries(lambda: council_texts.text_context(fresh(decision)))
    assert large == small
    assert small < 30
    grown = council_texts.text_context(fresh(decision))
    assert grown["working_groups_summary"].startswith("Au funcționat 3 grupuri de lucru tematice")
    assert "„Grupul 0” (1 propunere, dintre care niciuna adoptată)" in grown["working_groups_list"]
    assert council_texts.text_context(fresh(decision))["recommendations"] == "11 recomandări"


# --- The municipality's own templates --------------------------------------------------------


def edit_url(world, kind="plan", part="title", slug=None):
    return reverse("decision-template-edit", args=[slug or world.municipality.slug, kind, part])


def reset_url(world, kind="plan", part="title"):
    return reverse("decision-template-reset", args=[world.municipality.slug, kind, part])


MY_TITLE = "privind aprobarea Planului de servicii sociale al {{ uat_of }} pe anul {{ plan_year }}"


def test_staff_see_the_six_texts_of_each_kind(world, as_user):
    response = as_user("staff").get(
        reverse("decision-template-list", args=[world.municipality.slug])
    )
    assert response.status_code == 200
    page = response.content.decode()
    for kind in ("strategy", "plan"):
        for part in council_texts.PARTS:
            assert edit_url(world, kind, part) in page
    assert "Spirala&#x27;s default" in page or "Spirala's default" in page


def test_the_list_keeps_a_constant_number_of_queries(world, as_user):
    client = as_user("staff")
    url = reverse("decision-template-list", args=[world.municipality.slug])
    client.post(edit_url(world), {"body": MY_TITLE})
    before = count_queries(lambda: client.get(url))
    for kind in ("strategy", "plan"):
        for part in council_texts.PARTS:
            client.post(edit_url(world, kind, part), {"body": f"Text {kind} {part} {{{{ uat }}}}"})
    assert DecisionTemplate.objects.count() == 12
    assert count_queries(lambda: client.get(url)) == before


def test_the_pages_speak_romanian(world):
    from django.utils import translation

    from tests.conftest import client_for

    with translation.override("ro"):
        client = client_for(world.users["staff"])
        client.cookies["django_language"] = "ro"
        page = client.get(edit_url(world)).content.decode()
        assert "Marcaje" in page and "Salvați șablonul" in page
        response = client.post(edit_url(world), {"body": "{{ nu_exista }}"})
        assert "Marcaje necunoscute: {{ nu_exista }}." in response.content.decode()


def test_staff_write_a_template_and_a_new_draft_decision_starts_from_it(world, as_user):
    client = as_user("staff")
    page = client.get(edit_url(world))
    assert page.status_code == 200
    content = page.content.decode()
    assert "{{ budget_total }}" in content  # the table of placeholders beside the form
    assert escape(str(council_texts.PLACEHOLDERS["budget_total"])) in content
    response = client.post(edit_url(world), {"body": MY_TITLE})
    assert response.status_code == 302
    template = DecisionTemplate.objects.get(municipality=world.municipality, kind="plan")
    assert template.body == MY_TITLE
    assert template.history.latest().history_user == world.users["staff"]

    _version, plan = build_world(world)
    decision = council.create_decision(
        cycle=world.cycle, kind="plan", plan=plan, user=world.users["staff"], initiator="Primar"
    )
    assert decision.title == MY_TITLE
    assert decision.preamble == council_texts.DEFAULT_TEMPLATES["plan"]["preamble"]
    assert council_texts.rendered(decision)["title"] == (
        "privind aprobarea Planului de servicii sociale al Municipiului Arcadia pe anul 2027"
    )
    # The other municipality still starts from Spirala's default.
    assert (
        council_texts.initial_texts(world.other_municipality, "plan")["title"]
        == (council_texts.DEFAULT_TEMPLATES["plan"]["title"])
    )


def test_an_unknown_placeholder_is_refused_with_its_name_and_nothing_is_saved(world, as_user):
    response = as_user("staff").post(
        edit_url(world), {"body": "Anul {{ plan_year }} {{ nu_exista }}"}
    )
    assert response.status_code == 400
    assert "{{ nu_exista }}" in response.content.decode()
    assert not DecisionTemplate.objects.exists()
    response = as_user("staff").post(edit_url(world), {"body": "Planul {{ nu_exista }}"})
    assert response.status_code == 400
    assert "Unknown placeholders: {{ nu_exista }}." in response.context["form"].errors["body"]
    assert not DecisionTemplate.objects.exists()


def test_an_empty_template_is_refused_and_the_old_one_is_kept(world, as_user):
    client = as_user("staff")
    client.post(edit_url(world), {"body": MY_TITLE})
    response = client.post(edit_url(world), {"body": "   \n  "})
    assert response.status_code == 400
    assert "cannot be empty" in response.content.decode()
    assert DecisionTemplate.objects.get().body == MY_TITLE


def test_reset_goes_back_to_the_default_and_records_who(world, as_user):
    client = as_user("staff")
    client.post(edit_url(world), {"body": MY_TITLE})
    assert client.get(reset_url(world)).status_code == 405
    response = client.post(reset_url(world))
    assert response.status_code == 302
    assert not DecisionTemplate.objects.exists()
    deleted = DecisionTemplate.history.filter(history_type="-").get()
    assert deleted.history_user == world.users["staff"]
    assert (
        council_texts.initial_texts(world.municipality, "plan")["title"]
        == (council_texts.DEFAULT_TEMPLATES["plan"]["title"])
    )
    assert client.post(reset_url(world)).status_code == 302  # already the default: no error


def test_an_unknown_kind_or_part_is_not_found(world, as_user):
    client = as_user("staff")
    assert client.get(edit_url(world, kind="buget")).status_code == 404
    assert client.get(edit_url(world, part="semnaturi")).status_code == 404
    assert client.post(reset_url(world, part="semnaturi")).status_code == 404
    unknown = reverse("decision-template-list", args=["nu-exista"])
    assert client.get(unknown).status_code == 404


def test_another_municipalitys_staff_get_404_and_change_nothing(world, as_user):
    client = as_user("other_staff")
    assert (
        client.get(reverse("decision-template-list", args=[world.municipality.slug])).status_code
        == 404
    )
    assert client.post(edit_url(world), {"body": MY_TITLE}).status_code == 404
    assert not DecisionTemplate.objects.exists()
    # Their own municipality's pages are theirs.
    assert client.get(edit_url(world, slug=world.other_municipality.slug)).status_code == 200


@pytest.mark.parametrize("persona", ["provider_a", "facilitator", "secretary", "public"])
def test_other_roles_cannot_change_a_template(world, as_user, persona):
    response = as_user(persona).post(edit_url(world), {"body": MY_TITLE})
    assert response.status_code == 403
    assert as_user(persona).post(reset_url(world)).status_code == 403
    assert not DecisionTemplate.objects.exists()


MANAGE = {"staff": 200, "administrator": 200, "other_staff": 404}

CASES = [
    Case(
        "decision-template-list",
        lambda w: reverse("decision-template-list", args=[w.municipality.slug]),
        MANAGE,
    ),
    Case("decision-template-edit", lambda w: edit_url(w, "strategy", "raport_text"), MANAGE),
    Case(
        "decision-template-reset",
        lambda w: reset_url(w),
        {"staff": 302, "administrator": 302, "other_staff": 404},
        method="post",
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)


def test_the_list_of_draft_decisions_leads_staff_to_the_templates_and_no_one_else(world, as_user):
    """Staff reach the templates from the draft decisions; the secretary, who may read the list,
    is not offered a link that would refuse them."""
    lst = reverse("decision-list", args=[world.municipality.slug])
    templates = reverse("decision-template-list", args=[world.municipality.slug])
    assert templates in as_user("staff").get(lst).content.decode()
    secretary = as_user("secretary")
    response = secretary.get(lst)
    assert response.status_code == 200
    assert templates not in response.content.decode()
    assert secretary.get(templates).status_code == 403
