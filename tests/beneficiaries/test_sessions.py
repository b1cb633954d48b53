"""SPIRAL sessions and statement entry as facilitators and staff use them."""

import pytest
from django.urls import reverse

from beneficiaries import services
from beneficiaries.models import SpiralSession
from core.exceptions import DomainError
from core.models import Role
from tests.factories import MembershipFactory, SpiralSessionFactory, UserFactory

pytestmark = pytest.mark.django_db

VALID_CNP = "1850315120038"  # made up; its control digit is right


@pytest.fixture
def session(world):
    return SpiralSessionFactory(
        municipality=world.municipality,
        cycle=world.cycle,
        facilitators=[world.users["facilitator"]],
    )


def entry_url(session):
    return reverse("spiral-session-detail", args=[session.municipality.slug, session.pk])


def test_facilitator_pastes_many_statements_at_once(world, as_user, session):
    lines = "Singurătatea serile\n\n- Frigul din apartament\n  Lipsa banilor de medicamente  "
    response = as_user("facilitator").post(
        entry_url(session), {"question": "illbeing", "lines": lines}
    )
    assert response.status_code == 302
    texts = list(session.statements.values_list("text", flat=True))
    assert texts == [
        "Singurătatea serile",
        "Frigul din apartament",
        "Lipsa banilor de medicamente",
    ]
    assert set(session.statements.values_list("question", flat=True)) == {"illbeing"}
    assert session.statements.first().created_by == world.users["facilitator"]


def test_cedilla_letters_are_stored_with_comma_below(world, as_user, session):
    as_user("facilitator").post(
        entry_url(session), {"question": "wellbeing", "lines": "Liniştea şi ţara"}
    )
    assert session.statements.get().text == "Liniștea și țara"


def test_a_statement_with_a_cnp_is_held_back_until_redacted_and_nothing_is_saved(
    world, as_user, session
):
    client = as_user("facilitator")
    lines = f"Ajutor la cumpărături\nMă numesc Ion, CNP {VALID_CNP}"
    response = client.post(entry_url(session), {"question": "illbeing", "lines": lines})
    assert response.status_code == 400
    assert VALID_CNP in response.content.decode()  # shown back: nothing typed is lost
    assert not session.statements.exists()
    response = client.post(
        entry_url(session), {"question": "illbeing", "lines": lines, "resolution": "redact"}
    )
    assert response.status_code == 302
    saved = list(session.statements.values_list("text", flat=True))
    assert saved[0] == "Ajutor la cumpărături"
    assert VALID_CNP not in saved[1] and "[CNP]" in saved[1]


def test_a_flagged_line_can_be_confirmed_as_not_personal(world, as_user, session):
    response = as_user("facilitator").post(
        entry_url(session),
        {
            "question": "what_i_do",
            "lines": "Sun la 0744 123 456 pentru ajutor",
            "resolution": "confirm",
        },
    )
    assert response.status_code == 302
    assert session.statements.get().personal_data_confirmed


def test_a_facilitator_sees_only_the_sessions_assigned_to_them(world, as_user, session):
    other = UserFactory(username="alt_facilitator")
    MembershipFactory(user=other, municipality=world.municipality, role=Role.FACILITATOR)
    client = as_user("anonymous")
    client.force_login(other)
    assert client.get(entry_url(session)).status_code == 403
    listing = client.get(reverse("spiral-session-list", args=[world.municipality.slug]))
    assert session.group_name not in listing.content.decode()
    own = as_user("facilitator").get(reverse("spiral-session-list", args=[world.municipality.slug]))
    assert session.group_name in own.content.decode()


def test_statements_cannot_change_after_the_session_is_closed(world, as_user, session):
    client = as_user("facilitator")
    client.post(entry_url(session), {"question": "wellbeing", "lines": "Vecinii buni"})
    statement = session.statements.get()
    client.post(reverse("spiral-session-close", args=[world.municipality.slug, session.pk]))
    session.refresh_from_db()
    assert session.is_closed
    response = client.post(entry_url(session), {"question": "wellbeing", "lines": "Încă una"})
    assert response.status_code == 403
    delete = reverse(
        "spiral-statement-delete", args=[world.municipality.slug, session.pk, statement.pk]
    )
    assert client.post(delete).status_code == 403
    assert session.statements.count() == 1


def test_statements_are_entered_only_while_the_visions_stage_is_active(world, as_user, session):
    world.cycle.active_stage = "objectives"
    world.cycle.save()
    response = as_user("facilitator").post(
        entry_url(session), {"question": "wellbeing", "lines": "x"}
    )
    assert response.status_code == 403
    assert not session.statements.exists()


def test_a_facilitator_edits_and_deletes_a_statement_before_closing(world, as_user, session):
    client = as_user("facilitator")
    client.post(entry_url(session), {"question": "wellbeing", "lines": "Vecinii bun"})
    statement = session.statements.get()
    args = [world.municipality.slug, session.pk, statement.pk]
    assert (
        client.post(
            reverse("spiral-statement-update", args=args), {"text": "Vecinii buni"}
        ).status_code
        == 302
    )
    statement.refresh_from_db()
    assert statement.text == "Vecinii buni"
    assert statement.history.first().history_user == world.users["facilitator"]
    client.post(reverse("spiral-statement-delete", args=args))
    assert not session.statements.exists()


def test_no_statement_without_recorded_consent(world, session):
    session.consent_recorded = False
    session.save()
    with pytest.raises(DomainError):
        services.add_statements(
            session=session, user=world.users["staff"], question="wellbeing", raw="Ceva"
        )


def test_staff_plan_a_session_whose_age_bands_must_match_the_group(world, as_user):
    client = as_user("staff")
    url = reverse("spiral-session-create", args=[world.municipality.slug])
    client.get(url)  # gives the municipality its default categories
    category = world.municipality.beneficiary_categories.get(key="varstnici")
    data = {
        "cycle": world.cycle.pk,
        "category": category.pk,
        "group_name": "Vârstnici – Cartier Ferneziu",
        "zone": world.zone.pk,
        "date": "2026-03-12",
        "place": "Clubul pensionarilor",
        "facilitators": [world.users["facilitator"].pk],
        "women": 6,
        "men": 3,
        "age_under_18": 0,
        "age_18_34": 0,
        "age_35_64": 2,
        "age_65_plus": 5,
        "consent_recorded": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Totalul pe grupe de vârstă este 7, dar" in response.content.decode()
    named = SpiralSession.objects.filter(group_name="Vârstnici – Cartier Ferneziu")
    assert not named.exists()
    data["age_65_plus"] = 7
    assert client.post(url, data).status_code == 302
    session = named.get()
    assert list(session.facilitators.all()) == [world.users["facilitator"]]


def test_a_zone_of_another_municipality_cannot_be_chosen(world, as_user):
    client = as_user("staff")
    url = reverse("spiral-session-create", args=[world.municipality.slug])
    client.get(url)
    response = client.post(url, {"zone": world.other_zone.pk, "women": 5, "men": 4})
    assert "zone" in response.context["form"].errors


def test_staff_add_rename_and_deselect_categories(world, as_user):
    client = as_user("staff")
    url = reverse("spiral-category-list", args=[world.municipality.slug])
    response = client.post(url, {"name": "Persoane vârstnice dependente", "selected": "on"})
    assert response.status_code == 302
    category = world.municipality.beneficiary_categories.get(name="Persoane vârstnice dependente")
    assert category.key == "persoane-varstnice-dependente"
    update = reverse("spiral-category-update", args=[world.municipality.slug, category.pk])
    client.post(update, {"name": "Vârstnici dependenți"})
    category.refresh_from_db()
    assert (category.name, category.selected) == ("Vârstnici dependenți", False)
    response = client.post(url, {"name": "Vârstnici dependenți"})
    assert response.status_code == 400
    assert (
        world.municipality.beneficiary_categories.filter(name="Vârstnici dependenți").count() == 1
    )
