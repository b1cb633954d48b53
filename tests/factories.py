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
