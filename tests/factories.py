import datetime

import factory
from django.contrib.auth import get_user_model

from core.models import Membership, Municipality, Organisation, Role, StrategyCycle, Zone

PASSWORD = "parola-Test-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.ro")
    first_name = "Ana"
    last_name = factory.Sequence(lambda n: f"Popescu{n}")
    password = factory.django.Password(PASSWORD)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Municipiul Test {n}")
    slug = factory.Sequence(lambda n: f"test-{n}")
    county = "Cluj"
    siruta = factory.Sequence(lambda n: f"{100000 + n}")


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Cartierul {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Asociația {n}")
    kind = Organisation.Kind.ASSOCIATION


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.STAFF


class StrategyCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyCycle

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Strategia 2026–2030 ({n})")
    start_year = 2026
    end_year = 2030


class BeneficiaryCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "beneficiaries.BeneficiaryCategory"
        django_get_or_create = ("municipality", "key")

    municipality = factory.SubFactory(MunicipalityFactory)
    key = "varstnici"
    name = "Vârstnici"


class SpiralSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "beneficiaries.SpiralSession"
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    cycle = factory.SubFactory(
        StrategyCycleFactory, municipality=factory.SelfAttribute("..municipality")
    )
    category = factory.SubFactory(
        BeneficiaryCategoryFactory, municipality=factory.SelfAttribute("..municipality")
    )
    group_name = factory.Sequence(lambda n: f"Vârstnici – grupul {n}")
    date = datetime.date(2026, 3, 12)
    place = "Centrul de zi Ferneziu"
    women = 5
    men = 4
    consent_recorded = True

    @factory.post_generation
    def facilitators(self, create, extracted, **kwargs):
        if create and extracted:
            self.facilitators.set(extracted)


class SocialServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "consultations.SocialService"
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, municipality=factory.SelfAttribute("..municipality")
    )
    code = "8790 CR-D-I"
    name = factory.Sequence(lambda n: f"Centrul de îngrijire {n}")
    approved_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "consultations.Theme"
        django_get_or_create = ("municipality", "name")

    municipality = factory.SubFactory(MunicipalityFactory)
    name = "Viață independentă pentru tinerii care părăsesc sistemul de protecție"


class ConsultationRoundFactory(factory.django.DjangoModelFactory):
    """An open, published round of the municipality's cycle (by default a new cycle in the
    provider consultation, the stage in which rounds are run)."""

    class Meta:
        model = "consultations.ConsultationRound"
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    cycle = factory.LazyAttribute(
        lambda o: StrategyCycleFactory(
            municipality=o.municipality, active_stage="provider_consultation"
        )
    )
    title = factory.Sequence(lambda n: f"Consultarea furnizorilor {n}")
    introduction = "Vă rugăm să răspundeți până la termen."
    opens_at = factory.LazyFunction(lambda: _now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: _now() + datetime.timedelta(days=10))
    published = True
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def invited(self, create, extracted, **kwargs):
        if create and extracted:
            self.invited.set(extracted)


class RoundQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "consultations.RoundQuestion"

    round = factory.SubFactory(ConsultationRoundFactory)
    position = factory.Sequence(lambda n: n)
    kind = "text"
    text = factory.Sequence(lambda n: f"Întrebarea {n}: ce nevoi nu sunt acoperite?")
    choices = factory.LazyAttribute(
        lambda o: ["Da", "Nu", "Parțial"] if o.kind in ("single", "multiple") else []
    )


class RoundResponseFactory(factory.django.DjangoModelFactory):
    """A draft; pass ``submitted_at`` (and ``submitted_by``) for a submitted response."""

    class Meta:
        model = "consultations.RoundResponse"

    round = factory.SubFactory(ConsultationRoundFactory)
    organisation = factory.LazyAttribute(
        lambda o: OrganisationFactory(municipality=o.round.municipality)
    )
    updated_by = factory.SubFactory(UserFactory)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "consultations.Answer"

    response = factory.SubFactory(RoundResponseFactory)
    question = factory.LazyAttribute(lambda o: RoundQuestionFactory(round=o.response.round))
    text = "Lipsesc locuințele protejate pentru tinerii care ies din centre."


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    """A group of a cycle (by default a new one in the provider consultation)."""

    class Meta:
        model = "consultations.WorkingGroup"
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    cycle = factory.LazyAttribute(
        lambda o: StrategyCycleFactory(
            municipality=o.municipality, active_stage="provider_consultation"
        )
    )
    theme = factory.LazyAttribute(lambda o: ThemeFactory(municipality=o.municipality))
    name = factory.Sequence(lambda n: f"Grupul de lucru {n}")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "consultations.Meeting"

    group = factory.SubFactory(WorkingGroupFactory)
    starts_at = factory.LazyFunction(lambda: _now() - datetime.timedelta(days=7))
    place = "Sala de consiliu, Primăria"
    agenda = "1. Analiza nevoilor\n2. Propuneri"


class GroupProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "consultations.GroupProposal"

    group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Propunerea {n}")
    text = "Înființarea a două locuințe protejate."
    created_by = factory.SubFactory(UserFactory)


def _now():
    from django.utils import timezone

    return timezone.now()


def make_provider_consultation_ready(cycle):
    """Give a cycle what the provider consultation's readiness checks ask for: a closed round
    with a submitted response, and a working group whose meeting has minutes."""
    from django.utils import timezone

    municipality = cycle.municipality
    organisation = OrganisationFactory(municipality=municipality)
    now = timezone.now()
    consultation = ConsultationRoundFactory(
        municipality=municipality,
        cycle=cycle,
        opens_at=now - datetime.timedelta(days=20),
        closes_at=now - datetime.timedelta(days=1),
        invited=[organisation],
    )
    RoundResponseFactory(round=consultation, organisation=organisation, submitted_at=now)
    group = WorkingGroupFactory(municipality=municipality, cycle=cycle, members=[organisation])
    MeetingFactory(group=group, minutes="S-a discutat analiza nevoilor.")
    return consultation


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "strategy.Strategy"

    municipality = factory.SubFactory(MunicipalityFactory)
    cycle = factory.LazyAttribute(lambda o: StrategyCycleFactory(municipality=o.municipality))
    title = "Strategia de dezvoltare a serviciilor sociale 2026–2030"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "strategy.Section"

    strategy = factory.SubFactory(StrategyFactory)
    kind = "context"
    title = factory.Sequence(lambda n: f"Capitolul {n}")
    body = "<p>Context socio-economic.</p>"
    position = factory.Sequence(lambda n: n)


class GuidelineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "strategy.Guideline"

    strategy = factory.SubFactory(StrategyFactory)
    title = factory.Sequence(lambda n: f"Linia directoare {n}")
    position = factory.Sequence(lambda n: n)


class StrategicObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "strategy.StrategicObjective"
        skip_postgeneration_save = True

    strategy = factory.SubFactory(StrategyFactory)
    title = factory.Sequence(lambda n: f"Obiectivul strategic {n}")
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def dimensions(self, create, extracted, **kwargs):
        if create and extracted:
            self.dimensions.set(extracted)


class SpecificObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "strategy.SpecificObjective"

    objective = factory.SubFactory(StrategicObjectiveFactory)
    title = factory.Sequence(lambda n: f"Obiectivul specific {n}")
    position = factory.Sequence(lambda n: n)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "strategy.Indicator"

    specific_objective = factory.SubFactory(SpecificObjectiveFactory)
    name = "Număr de beneficiari ai serviciilor de îngrijire la domiciliu"
    unit = "persoane"
    baseline = 60
    baseline_year = 2025
    target = 120
    target_year = 2030
    source = "Registrul DAS"
    measured_by = "DAS Baia Mare"
    position = factory.Sequence(lambda n: n)


class StrategyVersionFactory(factory.django.DjangoModelFactory):
    """A published version whose snapshot is the strategy's current content."""

    class Meta:
        model = "strategy.StrategyVersion"

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n + 1)
    snapshot = factory.LazyAttribute(
        lambda o: __import__("strategy.document", fromlist=["snapshot"]).snapshot(o.strategy)
    )
    published_by = factory.SubFactory(UserFactory)


class PublicConsultationFactory(factory.django.DjangoModelFactory):
    """A consultation accepting comments today (announced 5 days ago, open 10 more days)."""

    class Meta:
        model = "strategy.PublicConsultation"

    version = factory.SubFactory(StrategyVersionFactory)
    municipality = factory.LazyAttribute(lambda o: o.version.strategy.municipality)
    justification = "Referatul de aprobare a proiectului de strategie."
    announced_on = factory.LazyFunction(lambda: _today() - datetime.timedelta(days=5))
    comments_until = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=10))
    earliest_submission = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=40))
    opened_by = factory.SubFactory(UserFactory)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "strategy.Comment"

    consultation = factory.SubFactory(PublicConsultationFactory)
    author = factory.SubFactory(UserFactory)
    stakeholder_kind = "cetatean"
    target = "document"
    text = "Propun includerea unui serviciu de teleasistență pentru vârstnici."


def _today():
    from django.utils import timezone

    return timezone.localdate()


# --- Annual action plans ------------------------------------------------------------------------


class ActionPlanFactory(factory.django.DjangoModelFactory):
    """A draft plan for 2027 of a cycle that reached the action-plan stage."""

    class Meta:
        model = "actionplans.ActionPlan"

    municipality = factory.SubFactory(MunicipalityFactory)
    cycle = factory.LazyAttribute(
        lambda o: StrategyCycleFactory(municipality=o.municipality, active_stage="action_plan")
    )
    year = 2027
    created_by = factory.SubFactory(UserFactory)


class MeasureFactory(factory.django.DjangoModelFactory):
    """A measure serving a specific objective of the plan's own strategy (made if missing)."""

    class Meta:
        model = "actionplans.Measure"
        skip_postgeneration_save = True

    plan = factory.SubFactory(ActionPlanFactory)
    section = "existing"
    specific_objective = factory.LazyAttribute(lambda o: specific_objective_for(o.plan.cycle))
    title = factory.Sequence(lambda n: f"Îngrijire la domiciliu pentru vârstnici ({n})")
    service_code = "8810 ID-I"
    service_name = "Serviciul de îngrijire la domiciliu"
    department = "Serviciul Vârstnici, DAS"
    capacity = 60
    beneficiaries = 80
    staff = 12
    start_month = 1
    end_month = 12
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.set(extracted)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actionplans.BudgetLine"

    measure = factory.SubFactory(MeasureFactory)
    source = "local"
    amount = factory.LazyFunction(lambda: __import__("decimal").Decimal("125000.00"))


class MeasureIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actionplans.MeasureIndicator"

    measure = factory.SubFactory(MeasureFactory)
    name = "Vârstnici îngrijiți la domiciliu"
    unit = "persoane"
    target = 80


def specific_objective_for(cycle):
    """The first specific objective of the cycle's strategy, making the strategy if needed."""
    from strategy.models import SpecificObjective, Strategy

    found = (
        SpecificObjective.objects.filter(objective__strategy__cycle=cycle)
        .order_by("objective__position", "position", "pk")
        .first()
    )
    if found:
        return found
    strategy = Strategy.objects.filter(cycle=cycle).first() or StrategyFactory(
        municipality=cycle.municipality, cycle=cycle
    )
    return SpecificObjectiveFactory(objective=StrategicObjectiveFactory(strategy=strategy))


def _default_text(part):
    def text(o):
        from actionplans.council_texts import DEFAULT_TEMPLATES

        return DEFAULT_TEMPLATES[o.kind][part]

    return factory.LazyAttribute(text)


class DraftDecisionFactory(factory.django.DjangoModelFactory):
    """A draft council decision on a plan, its texts from Spirala's defaults; for the strategy
    pass ``kind="strategy"`` and a ``strategy_version``."""

    class Meta:
        model = "actionplans.DraftDecision"

    plan = factory.SubFactory(ActionPlanFactory)
    municipality = factory.LazyAttribute(lambda o: o.plan.municipality)
    cycle = factory.LazyAttribute(lambda o: o.plan.cycle)
    kind = "plan"
    initiator = "Primar, Ion Popescu"
    created_by = factory.SubFactory(UserFactory)
    title = _default_text("title")
    preamble = _default_text("preamble")
    legal_basis = _default_text("legal_basis")
    articles = _default_text("articles")
    referat_text = _default_text("referat_text")
    raport_text = _default_text("raport_text")


class OpinionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actionplans.Opinion"

    decision = factory.SubFactory(DraftDecisionFactory)
    body = "committee"
    issuer = "Comisia pentru sănătate și asistență socială"
    number = factory.Sequence(lambda n: f"{n + 10}")
    date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=3))
    verdict = "favourable"
    added_by = factory.SubFactory(UserFactory)


def decision_for(plan, status="adopted"):
    """The plan's draft decision (made, with ``status``, if it has none): what a vote is on."""
    import django.utils.timezone

    return plan.draft_decisions.order_by("-pk").first() or DraftDecisionFactory(
        plan=plan,
        status=status,
        submitted_at=plan.submitted_at or django.utils.timezone.now(),
    )
