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
    """An open, published round of the municipality's cycle."""

    class Meta:
        model = "consultations.ConsultationRound"
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    cycle = factory.LazyAttribute(lambda o: StrategyCycleFactory(municipality=o.municipality))
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
    class Meta:
        model = "consultations.WorkingGroup"
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    cycle = factory.LazyAttribute(lambda o: StrategyCycleFactory(municipality=o.municipality))
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
