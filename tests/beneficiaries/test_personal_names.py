"""The personal-data guard catches people's names, and rarely anything else."""

import pytest
from django.urls import reverse
from django.utils import translation

from beneficiaries.demo import SESSIONS
from beneficiaries.demo_more import MORE_SESSIONS
from beneficiaries.services import ImportFailed, import_statements
from beneficiaries.textguard import describe, find_personal_data, first_names, redact


def names(text):
    return [f.match for f in find_personal_data(text) if f.kind == "name"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ion Pop m-a ajutat cu actele", "[nume] m-a ajutat cu actele"),
        ("Vecina mea, Maria Ionescu, îmi aduce pâine", "Vecina mea, [nume], îmi aduce pâine"),
        ("Ana Maria Popescu vine joia", "[nume] vine joia"),
        ("Stefan Dumitru, fără diacritice", "[nume], fără diacritice"),
        ("Ştefan Pop, cu sedilă", "[nume], cu sedilă"),
        ("Popescu Maria, 67 de ani, singură", "[nume], 67 de ani, singură"),
        ("ION POP NU ARE ACTE", "[nume] NU ARE ACTE"),
        ("Doctorul Ion Pop-Ionescu nu are timp", "Doctorul [nume] nu are timp"),
        ("Am vorbit cu dl. Popescu", "Am vorbit cu dl. [nume]"),
        ("doamna Ionescu de la DAS", "doamna [nume] de la DAS"),
        ("domnul Pop ne-a ajutat", "domnul [nume] ne-a ajutat"),
        ("d-na Rus vine marțea", "d-na [nume] vine marțea"),
        ("dna Vasilescu", "dna [nume]"),
        ("Dr. Moldovan e bun", "Dr. [nume] e bun"),
        ("Am sunat-o pe Speranța Ionescu", "Am sunat-o pe [nume]"),
    ],
)
def test_a_name_is_flagged_and_redacted_as_nume(text, expected):
    assert names(text)
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Maria mă ajută la cumpărături",
        "Vecina Maria mă ajută",
        "Ion, vecinul, mă duce la piață",
        "ion pop",  # typed in lower case: not recognisable as a name
        "Locuiesc în Baia Mare de 30 de ani",
        "Strada Vasile Lucaciu nu are trotuar",
        "Pe strada Avram Iancu e întuneric",
        "Str. Mihai Eminescu e plină de gropi",
        "Copilul e la Colegiul Național Gheorghe Șincai",
        "Școala Gimnazială Vasile Alecsandri e departe",
        "Cozile la Spitalul Județean de Urgență Dr. Constantin Opriș",
        "Slujba de la Biserica Sfântul Ioan Botezătorul",
        "Locuiesc în Vasile Alecsandri",
        "Citim Ion Creangă cu copiii",
        "Strada George Pop de Băsești",
        "Speranța Noastră e copilul",  # a first name that is a common word opening a sentence
        "Doamna Primar ne-a promis o creșă",
        "Domnul Dumnezeu să ne ajute",
        "Fac voluntariat la Crucea Roșie",
        "Merg lunar la AJOFM",
    ],
)
def test_first_names_alone_places_and_namesakes_are_not_flagged(text):
    assert names(text) == []


def test_the_shipped_list_holds_common_names_with_and_without_diacritics():
    listed = first_names()
    assert len(listed) > 250
    assert {"ion", "maria", "stefan", "gheorghe", "ioana", "elena", "andreea"} <= listed
    assert "pop" not in listed and "baia" not in listed


def test_describe_names_a_persons_name():
    with translation.override("en"):
        message = describe(find_personal_data("Ion Pop, tel. 0722 123 456"))
    assert message == "looks like it contains personal data: a person's name, a phone number"


def test_false_alarms_on_the_demo_statements_stay_under_one_percent():
    """The demo statements hold no names, so every name flagged there is a false alarm."""
    texts = [
        text if isinstance(text, str) else text[0]
        for spec in [*SESSIONS, *MORE_SESSIONS]
        for statements in spec["statements"].values()
        for text in statements
    ]
    flagged = [text for text in texts if names(text)]
    assert len(texts) > 250
    # Measured: 0 of 290 statements (0 %).
    assert len(flagged) / len(texts) <= 0.01, flagged


@pytest.mark.django_db
def test_a_typed_name_is_held_back_then_redacted(world, as_user):
    url = reverse("spiral-session-detail", args=[world.municipality.slug, world.session.pk])
    client = as_user("facilitator")
    lines = "Singurătatea serile\nDoamna Ionescu de la DAS nu răspunde"
    response = client.post(url, {"question": "illbeing", "lines": lines})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Doamna Ionescu de la DAS" in html and "numele unei persoane" in html
    assert not world.session.statements.exists()
    response = client.post(url, {"question": "illbeing", "lines": lines, "resolution": "redact"})
    assert response.status_code == 302
    assert list(world.session.statements.order_by("pk").values_list("text", flat=True)) == [
        "Singurătatea serile",
        "Doamna [nume] de la DAS nu răspunde",
    ]


@pytest.mark.django_db
def test_a_typed_name_can_be_confirmed(world, as_user):
    url = reverse("spiral-session-detail", args=[world.municipality.slug, world.session.pk])
    response = as_user("facilitator").post(
        url, {"question": "together", "lines": "Un parc ca Ion Pop", "resolution": "confirm"}
    )
    assert response.status_code == 302
    statement = world.session.statements.get()
    assert statement.text == "Un parc ca Ion Pop" and statement.personal_data_confirmed


@pytest.mark.django_db
def test_an_imported_name_names_its_row_then_is_redacted_or_confirmed(world):
    data = "întrebare;afirmație\n1;Liniștea\n2;Mă ajută dl. Popescu\n".encode()
    kwargs = {"session": world.session, "user": world.users["staff"], "filename": "s.csv"}
    kwargs["data"] = data
    with pytest.raises(ImportFailed) as failure:
        import_statements(**kwargs)
    [error] = failure.value.errors
    assert error.row == 3 and "numele unei persoane" in error.message
    assert not world.session.statements.exists()
    import_statements(**kwargs, resolution="redact")
    assert world.session.statements.filter(text="Mă ajută dl. [nume]").exists()
    world.session.statements.all().delete()
    import_statements(**kwargs, resolution="confirm")
    assert world.session.statements.get(text="Mă ajută dl. Popescu").personal_data_confirmed
