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
    kind = Organisation.Kind.NGO


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
