"""Thematic working groups: staff set them up and keep their meetings; members make proposals."""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.urls import reverse

from beneficiaries.models import SpiralDimension
from consultations import groups
from consultations.models import GroupProposal, Meeting, Theme, WorkingGroup
from core.exceptions import DomainError
from tests.factories import (
    GroupProposalFactory,
    MeetingFactory,
    OrganisationFactory,
    StrategyCycleFactory,
    ThemeFactory,
    WorkingGroupFactory,
)
from tests.matrix import ALL, MANAGERS, Case, check, statuses
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def provider_consultation(world):
    """Both municipalities' cycles in the provider consultation, the stage that runs working
    groups."""
    for cycle in (world.cycle, world.other_cycle):
        cycle.active_stage = "provider_consultation"
        cycle.save()


BUCHAREST = zoneinfo.ZoneInfo("Europe/Bucharest")


@pytest.fixture
def as_en(as_user):
    """A persona's client reading the pages in English (the msgids the tests assert)."""

    def make(persona):
        client = as_user(persona)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


def url(name, world, *args, slug=None):
    return reverse(name, args=[slug or world.municipality.slug, *args])


def group_of(world, *, members=None, name="Tinerii care părăsesc sistemul de protecție"):
    """A group of the world's cycle whose only member is provider A's organisation."""
    return WorkingGroupFactory(
        municipality=world.municipality,
        cycle=world.cycle,
        theme=ThemeFactory(municipality=world.municipality, name="Viață independentă"),
        name=name,
        members=[world.org_a] if members is None else members,
    )


def other_municipality_group(world):
    return WorkingGroupFactory(
        municipality=world.other_municipality,
        cycle=world.other_cycle,
        theme=ThemeFactory(municipality=world.other_municipality, name="Tema străină"),
        members=[world.other_org],
    )


# --- Groups ------------------------------------------------------------------------------------


def test_staff_create_a_group_with_a_new_theme(world, as_en):
    response = as_en("staff").post(
        url("group-create", world),
        {
            "cycle": world.cycle.pk,
            "new_theme": "  Locuire   protejată ",
            "name": "Grupul pentru locuire",
            "description": "Propune servicii de locuire protejată până în martie.",
            "members": [world.org_a.pk, world.org_b.pk],
            "coordinator": world.users["staff"].pk,
        },
    )
    group = WorkingGroup.objects.get(name="Grupul pentru locuire")
    assert response.status_code == 302
    assert response["Location"] == url("group-detail", world, group.pk)
    assert group.theme.name == "Locuire protejată"
    assert group.theme.municipality == world.municipality
    assert set(group.members.all()) == {world.org_a, world.org_b}
    assert group.coordinator == world.users["staff"]
    assert group.history.first().history_user == world.users["staff"]
    assert group.theme.history.first().history_user == world.users["staff"]


def test_naming_an_existing_theme_again_reuses_it(world, as_en):
    theme = ThemeFactory(municipality=world.municipality, name="Locuire protejată")
    as_en("staff").post(
        url("group-create", world),
        {"cycle": world.cycle.pk, "new_theme": "locuire PROTEJATĂ", "name": "Grupul A"},
    )
    assert WorkingGroup.objects.get(name="Grupul A").theme == theme
    assert Theme.objects.filter(municipality=world.municipality).count() == 1


def test_a_group_needs_a_theme_and_says_so(world, as_en):
    response = as_en("staff").post(
        url("group-create", world), {"cycle": world.cycle.pk, "name": "Fără temă"}
    )
    assert response.status_code == 400
    assert "theme" in response.context["form"].errors
    assert not WorkingGroup.objects.exists()


def test_a_duplicate_group_name_in_the_cycle_is_refused_and_nothing_is_written(world, as_en):
    group_of(world, name="Tineri")
    themes_before = Theme.objects.count()
    response = as_en("staff").post(
        url("group-create", world),
        {"cycle": world.cycle.pk, "new_theme": "O temă nouă", "name": " tineri "},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == [
        "A working group with this name already exists in this cycle."
    ]
    assert WorkingGroup.objects.count() == 1
    assert Theme.objects.count() == themes_before


def test_the_service_refuses_a_duplicate_name_without_creating_the_theme(world):
    group_of(world, name="Tineri")
    with pytest.raises(DomainError) as refused:
        groups.create_group(
            municipality=world.municipality,
            user=world.users["staff"],
            cycle=world.cycle,
            name="Tineri",
            new_theme="Tema care nu trebuie să apară",
        )
    assert "name" in refused.value.message_dict
    assert not Theme.objects.filter(name="Tema care nu trebuie să apară").exists()


def test_the_same_name_is_allowed_in_another_cycle(world, as_en):
    group_of(world, name="Tineri")
    next_cycle = StrategyCycleFactory(
        municipality=world.municipality,
        title="Strategia 2031",
        active_stage="provider_consultation",
    )
    response = as_en("staff").post(
        url("group-create", world),
        {"cycle": next_cycle.pk, "theme": Theme.objects.get().pk, "name": "Tineri"},
    )
    assert response.status_code == 302
    assert WorkingGroup.objects.filter(name="Tineri").count() == 2


def test_choices_of_another_municipality_or_role_are_form_errors(world, as_en):
    foreign_theme = ThemeFactory(municipality=world.other_municipality, name="Străină")
    response = as_en("staff").post(
        url("group-create", world),
        {
            "cycle": world.other_cycle.pk,
            "theme": foreign_theme.pk,
            "name": "Grup",
            "members": [world.other_org.pk],
            "coordinator": world.users["provider_a"].pk,
        },
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"cycle", "theme", "members", "coordinator"}
    assert not WorkingGroup.objects.exists()


def test_staff_change_the_members_and_the_history_says_who(world, as_en):
    group = group_of(world)
    response = as_en("administrator").post(
        url("group-update", world, group.pk),
        {
            "cycle": world.cycle.pk,
            "theme": group.theme_id,
            "name": group.name,
            "description": "Mandat nou",
            "members": [world.org_b.pk],
        },
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert list(group.members.all()) == [world.org_b]
    assert group.description == "Mandat nou"
    latest = group.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == world.users["administrator"]
    page = as_en("staff").get(url("group-detail", world, group.pk)).content.decode()
    assert 'id="history-title"' in page and "Mandat nou" in page


# --- Who sees which group ----------------------------------------------------------------------


def test_a_member_provider_sees_its_group_and_a_non_member_does_not(world, as_en):
    group = group_of(world, name="Grupul Alfa")
    listing = as_en("provider_a").get(url("group-list", world))
    assert listing.status_code == 200 and "Grupul Alfa" in listing.content.decode()
    assert as_en("provider_a").get(url("group-detail", world, group.pk)).status_code == 200

    listing = as_en("provider_b").get(url("group-list", world))
    assert listing.status_code == 200 and "Grupul Alfa" not in listing.content.decode()
    assert as_en("provider_b").get(url("group-detail", world, group.pk)).status_code == 404
    response = as_en("provider_b").post(
        url("proposal-create", world, group.pk), {"title": "Intrus", "text": "x"}
    )
    assert response.status_code == 404
    assert not GroupProposal.objects.exists()


def test_the_list_puts_the_current_cycle_first_with_its_figures(world, as_en):
    older = StrategyCycleFactory(
        municipality=world.municipality, title="Strategia 2016", start_year=2016, end_year=2020
    )
    group = group_of(world, name="Grupul curent", members=[world.org_a, world.org_b])
    WorkingGroupFactory(municipality=world.municipality, cycle=older, name="Grupul vechi")
    first = MeetingFactory(group=group, minutes="")
    MeetingFactory(group=group, minutes="Procesul-verbal")
    GroupProposalFactory(group=group, status="adopted", meeting=first)
    GroupProposalFactory(group=group)
    response = as_en("staff").get(url("group-list", world))
    [current] = response.context["current_groups"]
    assert current.name == "Grupul curent"
    assert (current.member_count, current.meeting_count, current.adopted_count) == (2, 2, 1)
    assert current.has_minutes
    assert [g.name for g in response.context["older_groups"]] == ["Grupul vechi"]
    html = response.content.decode()
    assert html.index("Grupul curent") < html.index("Grupul vechi")


def test_a_group_without_minutes_is_flagged(world, as_en):
    group = group_of(world, name="Fără proces-verbal")
    MeetingFactory(group=group, minutes="")
    html = as_en("staff").get(url("group-list", world)).content.decode()
    assert "no minutes yet" in html
    html = as_en("provider_a").get(url("group-detail", world, group.pk)).content.decode()
    assert "no minutes yet" in html


def test_the_detail_shows_meetings_in_bucharest_time_and_the_active_stage(world, as_en):
    group = group_of(world, members=[world.org_a, world.org_b])
    meeting = MeetingFactory(
        group=group,
        starts_at=datetime.datetime(2026, 7, 1, 7, 30, tzinfo=datetime.UTC),
        place="Sala mică",
        minutes="Prima linie\nA doua linie",
    )
    meeting.attendees.set([world.org_b])
    html = as_en("provider_a").get(url("group-detail", world, group.pk)).content.decode()
    assert "10:30" in html  # 07:30 UTC is 10:30 in Bucharest in summer
    assert "Sala mică" in html
    assert "Prima linie<br>A doua linie" in html
    assert "Fundația Beta" in html
    assert str(world.cycle.stage.label) in html
    assert 'id="history-title"' not in html  # the history is for staff


# --- Meetings ----------------------------------------------------------------------------------


def meeting_data(world, **extra):
    data = {
        "starts_at": "2026-03-10T17:00",
        "place": "Primăria, sala 2",
        "link": "",
        "agenda": "1. Nevoi\n2. Propuneri",
        "attendees": [world.org_a.pk],
        "minutes": "",
    }
    data.update(extra)
    return data


def test_staff_add_a_meeting_read_in_bucharest_time(world, as_en):
    group = group_of(world)
    response = as_en("staff").post(url("meeting-create", world, group.pk), meeting_data(world))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.starts_at == datetime.datetime(2026, 3, 10, 17, 0, tzinfo=BUCHAREST)
    assert list(meeting.attendees.all()) == [world.org_a]
    assert meeting.history.first().history_user == world.users["staff"]


def test_attendance_of_an_organisation_outside_the_group_is_refused(world, as_en):
    group = group_of(world)
    response = as_en("staff").post(
        url("meeting-create", world, group.pk),
        meeting_data(world, attendees=[world.org_a.pk, world.org_b.pk]),
    )
    assert response.status_code == 400
    assert "attendees" in response.context["form"].errors
    assert not Meeting.objects.exists()
    with pytest.raises(DomainError) as refused:
        groups.add_meeting(
            group=group,
            user=world.users["staff"],
            starts_at=datetime.datetime(2026, 3, 10, 15, tzinfo=datetime.UTC),
            place="Sala",
            attendees=[world.org_b],
        )
    assert "attendees" in refused.value.message_dict
    assert not Meeting.objects.exists()


def test_a_meeting_without_place_or_link_is_refused(world, as_en):
    group = group_of(world)
    response = as_en("staff").post(
        url("meeting-create", world, group.pk), meeting_data(world, place="  ", link="")
    )
    assert response.status_code == 400
    assert "place" in response.context["form"].errors
    assert not Meeting.objects.exists()
    response = as_en("staff").post(
        url("meeting-create", world, group.pk),
        meeting_data(world, place="", link="https://meet.example.org/grup"),
    )
    assert response.status_code == 302
    assert Meeting.objects.get().link == "https://meet.example.org/grup"


def test_a_bad_date_or_link_names_its_field(world, as_en):
    group = group_of(world)
    response = as_en("staff").post(
        url("meeting-create", world, group.pk),
        meeting_data(world, starts_at="10 martie", link="javascript:alert(1)"),
    )
    assert response.status_code == 400
    assert {"starts_at", "link"} <= set(response.context["form"].errors)
    assert not Meeting.objects.exists()


def test_staff_add_the_minutes_later(world, as_en):
    group = group_of(world)
    meeting = MeetingFactory(group=group, minutes="")
    meeting.attendees.set([world.org_a])
    page = as_en("staff").get(url("meeting-update", world, group.pk, meeting.pk))
    assert page.status_code == 200
    assert page.context["form"].initial["attendees"] == [world.org_a.pk]
    as_en("staff").post(
        url("meeting-update", world, group.pk, meeting.pk),
        meeting_data(world, minutes="S-a adoptat propunerea 1."),
    )
    meeting.refresh_from_db()
    assert meeting.minutes == "S-a adoptat propunerea 1."
    assert meeting.history.first().history_user == world.users["staff"]


# --- Proposals ---------------------------------------------------------------------------------


def test_a_member_provider_proposes_for_its_own_organisation(world, as_en):
    group = group_of(world)
    dimension = SpiralDimension.objects.order_by("code").first()
    response = as_en("provider_a").post(
        url("proposal-create", world, group.pk),
        {
            "title": "Apartamente de tranziție",
            "text": "Două apartamente pentru tinerii de 18 ani.",
            "dimensions": [dimension.pk],
            # A provider cannot speak for another organisation nor decide: both are ignored.
            "proposed_by": world.org_b.pk,
            "status": "adopted",
        },
    )
    assert response.status_code == 302
    proposal = GroupProposal.objects.get()
    assert proposal.proposed_by == world.org_a
    assert proposal.status == GroupProposal.Status.PROPOSED
    assert proposal.created_by == world.users["provider_a"]
    assert list(proposal.dimensions.all()) == [dimension]
    assert proposal.history.first().history_user == world.users["provider_a"]


def test_the_proposal_form_groups_the_dimensions_by_family(world, as_en):
    group = group_of(world)
    html = as_en("provider_a").get(url("proposal-create", world, group.pk)).content.decode()
    assert "<optgroup" in html
    assert 'name="proposed_by"' not in html


def test_staff_may_record_which_member_proposed(world, as_en):
    group = group_of(world)
    response = as_en("staff").post(
        url("proposal-create", world, group.pk),
        {"title": "T", "text": "Text", "proposed_by": world.org_b.pk},
    )
    assert response.status_code == 400  # org B is not a member of this group
    assert "proposed_by" in response.context["form"].errors
    as_en("staff").post(
        url("proposal-create", world, group.pk),
        {"title": "T", "text": "Text", "proposed_by": world.org_a.pk},
    )
    assert GroupProposal.objects.get().proposed_by == world.org_a


def test_a_provider_cannot_adopt_a_proposal(world, as_en):
    group = group_of(world)
    meeting = MeetingFactory(group=group)
    proposal = GroupProposalFactory(group=group, proposed_by=world.org_a)
    response = as_en("provider_a").post(
        url("proposal-update", world, group.pk, proposal.pk),
        {"status": "adopted", "meeting": meeting.pk, "title": "T", "text": "x"},
    )
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == GroupProposal.Status.PROPOSED


def test_adoption_at_a_meeting_of_another_group_is_refused(world, as_en):
    group = group_of(world)
    other_meeting = MeetingFactory(group=group_of(world, name="Alt grup"))
    proposal = GroupProposalFactory(group=group)
    response = as_en("staff").post(
        url("proposal-update", world, group.pk, proposal.pk),
        {"status": "adopted", "meeting": other_meeting.pk, "title": "T", "text": "x"},
    )
    assert response.status_code == 400
    assert "meeting" in response.context["form"].errors
    proposal.refresh_from_db()
    assert proposal.status == GroupProposal.Status.PROPOSED and proposal.meeting is None
    with pytest.raises(DomainError) as refused:
        groups.decide_proposal(
            proposal=proposal, status="adopted", meeting=other_meeting, user=world.users["staff"]
        )
    assert "meeting" in refused.value.message_dict


def test_adoption_needs_the_meeting(world, as_en):
    group = group_of(world)
    proposal = GroupProposalFactory(group=group)
    response = as_en("staff").post(
        url("proposal-update", world, group.pk, proposal.pk),
        {"status": "adopted", "meeting": "", "title": proposal.title, "text": "x"},
    )
    assert response.status_code == 400
    assert "meeting" in response.context["form"].errors
    proposal.refresh_from_db()
    assert proposal.status == GroupProposal.Status.PROPOSED


def test_staff_adopt_a_proposal_that_the_strategy_can_cite(world, as_en):
    group = group_of(world)
    meeting = MeetingFactory(
        group=group, starts_at=datetime.datetime(2026, 4, 2, 9, tzinfo=datetime.UTC)
    )
    proposal = GroupProposalFactory(group=group, proposed_by=world.org_a, title="Locuințe")
    GroupProposalFactory(group=group, title="Încă în discuție")
    dimension = SpiralDimension.objects.order_by("code").last()
    response = as_en("staff").post(
        url("proposal-update", world, group.pk, proposal.pk),
        {
            "status": "adopted",
            "meeting": meeting.pk,
            "title": "Locuințe",
            "text": "Textul final.",
            "dimensions": [dimension.pk],
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.meeting, proposal.text) == (
        "adopted",
        meeting,
        "Textul final.",
    )
    assert proposal.history.first().history_user == world.users["staff"]
    html = as_en("provider_a").get(url("group-detail", world, group.pk)).content.decode()
    assert "adopted at the meeting of 2 April 2026" in html
    assert "Asociația Alfa" in html and dimension.code in html
    [cited] = groups.group_inputs(world.cycle)
    assert cited == proposal
    assert list(cited.dimensions.all()) == [dimension]


def test_group_inputs_keep_to_the_cycle_and_to_adopted_proposals(world, django_assert_num_queries):
    group = group_of(world)
    meeting = MeetingFactory(group=group)
    adopted = GroupProposalFactory(group=group, status="adopted", meeting=meeting)
    GroupProposalFactory(group=group, status="withdrawn", meeting=meeting)
    GroupProposalFactory(group=group)
    other = other_municipality_group(world)
    GroupProposalFactory(group=other, status="adopted", meeting=MeetingFactory(group=other))
    with django_assert_num_queries(2):
        inputs = list(groups.group_inputs(world.cycle))
        assert [p.group.theme.name for p in inputs] == ["Viață independentă"]
        assert [list(p.dimensions.all()) for p in inputs] == [[]]
    assert inputs == [adopted]


# --- Permission matrix -------------------------------------------------------------------------

PROVIDERS = ("provider_a", "provider_b")


def _meeting(world):
    return MeetingFactory(group=group_of(world))


def _proposal(world):
    return GroupProposalFactory(group=group_of(world), proposed_by=world.org_a)


def _other_group_meeting_url(world):
    group = group_of(world)
    meeting = MeetingFactory(group=group_of(world, name="Alt grup"))
    return url("meeting-update", world, group.pk, meeting.pk)


def _other_group_proposal_url(world):
    group = group_of(world)
    proposal = GroupProposalFactory(group=group_of(world, name="Alt grup"))
    return url("proposal-update", world, group.pk, proposal.pk)


class Posted:
    """Data of a POST case built when the case runs (it names rows of that test's world)."""

    def __init__(self, make):
        self.make = make
        self.data: dict = {}
        self.url = None

    def setup(self, world):
        self.url, data = self.make(world)
        self.data.clear()
        self.data.update(data)


def _create_group(world):
    return url("group-create", world), {
        "cycle": world.cycle.pk,
        "new_theme": "Tema nouă",
        "name": "Grupul nou",
        "members": [world.org_a.pk],
    }


def _add_meeting(world):
    group = group_of(world)
    data = {"starts_at": "2026-05-01T10:00", "place": "Sala", "attendees": [world.org_a.pk]}
    return url("meeting-create", world, group.pk), data


def _adopt(world):
    proposal = _proposal(world)
    meeting = MeetingFactory(group=proposal.group)
    data = {"status": "adopted", "meeting": meeting.pk, "title": "T", "text": "x"}
    return url("proposal-update", world, proposal.group_id, proposal.pk), data


def posted_case(name, make, allowed):
    posted = Posted(make)
    return Case(
        name, lambda w: posted.url, allowed, method="post", data=posted.data, setup=posted.setup
    )


CASES = [
    Case(
        "group list",
        lambda w: url("group-list", w),
        {**statuses(MANAGERS, 200), **statuses(PROVIDERS, 200)},
    ),
    Case("new group", lambda w: url("group-create", w), statuses(MANAGERS, 200)),
    posted_case("create a group (post)", _create_group, statuses(MANAGERS, 302)),
    Case("edit group", lambda w: url("group-update", w, group_of(w).pk), statuses(MANAGERS, 200)),
    Case(
        "edit another municipality's group",
        lambda w: url("group-update", w, other_municipality_group(w).pk),
        statuses(MANAGERS, 404),
    ),
    Case(
        "group detail",
        lambda w: url("group-detail", w, group_of(w).pk),
        {**statuses(MANAGERS, 200), "provider_a": 200, "provider_b": 404},
    ),
    Case(
        "group detail of another municipality's group",
        lambda w: url("group-detail", w, other_municipality_group(w).pk),
        {**statuses(MANAGERS, 404), **statuses(PROVIDERS, 404)},
    ),
    Case(
        "this municipality's group guessed from another municipality",
        lambda w: url("group-detail", w, group_of(w).pk, slug=w.other_municipality.slug),
        {"other_staff": 404},
    ),
    Case(
        "new meeting",
        lambda w: url("meeting-create", w, group_of(w).pk),
        statuses(MANAGERS, 200),
    ),
    posted_case("add a meeting (post)", _add_meeting, statuses(MANAGERS, 302)),
    Case(
        "edit meeting",
        lambda w: url("meeting-update", w, (m := _meeting(w)).group_id, m.pk),
        statuses(MANAGERS, 200),
    ),
    Case(
        "meeting of another group guessed",
        _other_group_meeting_url,
        statuses(MANAGERS, 404),
    ),
    Case(
        "meeting of another municipality's group",
        lambda w: url(
            "meeting-create", w, other_municipality_group(w).pk, slug=w.other_municipality.slug
        ),
        {"other_staff": 200},
    ),
    Case(
        "new proposal",
        lambda w: url("proposal-create", w, group_of(w).pk),
        {**statuses(MANAGERS, 200), "provider_a": 200, "provider_b": 404},
    ),
    Case(
        "make a proposal (post)",
        lambda w: url("proposal-create", w, group_of(w).pk),
        {**statuses(MANAGERS, 302), "provider_a": 302, "provider_b": 404},
        method="post",
        data={"title": "Propunere", "text": "Text"},
    ),
    Case(
        "proposal in another municipality's group",
        lambda w: url("proposal-create", w, other_municipality_group(w).pk),
        {**statuses(MANAGERS, 404), **statuses(PROVIDERS, 404)},
    ),
    Case(
        "decide proposal",
        lambda w: url("proposal-update", w, (p := _proposal(w)).group_id, p.pk),
        statuses(MANAGERS, 200),
    ),
    posted_case("adopt a proposal (post)", _adopt, statuses(MANAGERS, 302)),
    Case(
        "proposal of another group guessed",
        _other_group_proposal_url,
        statuses(MANAGERS, 404),
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)


# --- Constant number of queries ----------------------------------------------------------------


def _populate(world, n):
    dimensions = list(SpiralDimension.objects.order_by("code")[:3])
    for i in range(n):
        organisation = OrganisationFactory(municipality=world.municipality)
        group = WorkingGroupFactory(
            municipality=world.municipality,
            cycle=world.cycle,
            members=[world.org_a, world.org_b, organisation],
        )
        meeting = MeetingFactory(group=group, minutes="PV" if i % 2 else "")
        meeting.attendees.set([world.org_a, organisation])
        MeetingFactory(group=group)
        proposal = GroupProposalFactory(
            group=group, status="adopted", meeting=meeting, proposed_by=organisation
        )
        proposal.dimensions.set(dimensions)


@pytest.mark.parametrize("persona", ["staff", "provider_a"])
def test_the_group_list_keeps_a_constant_number_of_queries(world, as_en, persona):
    client = as_en(persona)
    list_url = url("group-list", world)
    _populate(world, 1)
    one = count_queries(lambda: client.get(list_url))
    _populate(world, 6)
    response = None

    def get():
        nonlocal response
        response = client.get(list_url)

    assert count_queries(get) == one
    assert len(response.context["current_groups"]) == 7


@pytest.mark.parametrize("persona", ["staff", "provider_a"])
def test_the_group_detail_keeps_a_constant_number_of_queries(world, as_en, persona):
    # The members are set once: each change of the member list is an entry of the group's
    # history, which staff read on this page (up to 25 entries).
    organisations = [OrganisationFactory(municipality=world.municipality) for _ in range(6)]
    group = group_of(world, members=[world.org_a, *organisations])
    client = as_en(persona)
    detail_url = url("group-detail", world, group.pk)
    dimensions = list(SpiralDimension.objects.order_by("code")[:4])

    def grow(n):
        for _ in range(n):
            organisation = organisations.pop()
            meeting = MeetingFactory(group=group, minutes="PV")
            meeting.attendees.set([world.org_a, organisation])
            for status in ("adopted", "proposed", "withdrawn"):
                proposal = GroupProposalFactory(
                    group=group, status=status, meeting=meeting, proposed_by=organisation
                )
                proposal.dimensions.set(dimensions)

    grow(1)
    one = count_queries(lambda: client.get(detail_url))
    grow(5)
    assert count_queries(lambda: client.get(detail_url)) == one
