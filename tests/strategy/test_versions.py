"""Published versions of the strategy, their comparison, and opening the public consultation."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.exceptions import DomainError
from strategy import law52
from strategy.models import PublicConsultation, StrategyVersion
from strategy.versions import publish_version, word_diff
from tests.conftest import client_for
from tests.factories import (
    IndicatorFactory,
    PublicConsultationFactory,
    SectionFactory,
    SpecificObjectiveFactory,
    StrategicObjectiveFactory,
    StrategyCycleFactory,
    StrategyFactory,
    StrategyVersionFactory,
)
from tests.matrix import ALL, LOGGED_IN, MANAGERS, Case, check, statuses
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.datetime(2026, 1, 1, 9, tzinfo=datetime.UTC)


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def make_draft(municipality, cycle=None):
    """A strategy with a section and one objective → specific objective → indicator."""
    strategy = StrategyFactory(municipality=municipality, **({"cycle": cycle} if cycle else {}))
    SectionFactory(strategy=strategy, title="Contextul", body="<p>Populația scade.</p>")
    objective = StrategicObjectiveFactory(strategy=strategy, title="Servicii la domiciliu")
    specific = SpecificObjectiveFactory(objective=objective, title="Îngrijire pentru vârstnici")
    IndicatorFactory(specific_objective=specific)
    return strategy


@pytest.fixture
def draft(world):
    return make_draft(world.municipality, world.cycle)


@pytest.fixture
def staff(world):
    return english(client_for(world.users["staff"]))


def url(name, strategy, *args, slug=None):
    return reverse(name, args=[slug or strategy.municipality.slug, strategy.pk, *args])


def set_stage(cycle, stage):
    cycle.active_stage = stage
    cycle.save()


# --- Publishing ------------------------------------------------------------------------------


def test_staff_publish_numbered_versions(world, draft, staff):
    response = staff.post(url("strategy-publish", draft), {"note": "Prima versiune"})
    assert response.status_code == 302
    first = draft.versions.get()
    assert (first.number, first.note, first.published_by) == (
        1,
        "Prima versiune",
        world.users["staff"],
    )
    assert first.snapshot["objectives"][0]["title"] == "Servicii la domiciliu"

    SectionFactory(strategy=draft, title="Viziunea")
    assert staff.post(url("strategy-publish", draft)).status_code == 302
    assert list(draft.versions.order_by("number").values_list("number", flat=True)) == [1, 2]


def test_two_publishes_one_after_the_other_take_numbers_1_and_2(world, draft):
    user = world.users["staff"]
    first = publish_version(strategy=draft, user=user, note="")
    draft.objectives.update(title="Servicii la domiciliu și teleasistență")
    second = publish_version(strategy=draft, user=user, note="")
    assert (first.number, second.number) == (1, 2)


def test_publishing_an_unchanged_draft_is_refused(world, draft, staff):
    staff.post(url("strategy-publish", draft))
    response = staff.post(url("strategy-publish", draft), {"note": "din nou"})
    assert response.status_code == 400
    assert "Nothing changed since version 1" in response.content.decode()
    assert draft.versions.count() == 1


def test_a_draft_without_strategic_objectives_cannot_be_published(world, staff):
    empty = StrategyFactory(municipality=world.municipality, cycle=world.cycle)
    SectionFactory(strategy=empty)
    response = staff.post(url("strategy-publish", empty))
    assert response.status_code == 400
    assert "at least one strategic objective" in response.content.decode()
    assert not empty.versions.exists()
    with pytest.raises(DomainError):
        publish_version(strategy=empty, user=world.users["staff"])


def test_a_published_version_does_not_change_when_the_draft_changes(world, draft, staff):
    staff.post(url("strategy-publish", draft))
    frozen = draft.versions.get().snapshot
    draft.sections.update(title="Contextul revizuit", body="<p>Text nou.</p>")
    draft.objectives.update(title="Obiectiv redenumit")
    IndicatorFactory(specific_objective=SpecificObjectiveFactory(objective=draft.objectives.get()))

    version = StrategyVersion.objects.get(strategy=draft, number=1)
    assert version.snapshot == frozen
    html = staff.get(url("strategy-version-detail", draft, 1)).content.decode()
    assert "Servicii la domiciliu" in html and "Populația scade." in html
    assert "Obiectiv redenumit" not in html and "Contextul revizuit" not in html


def test_versions_have_no_edit_or_delete_urls(world, draft, staff):
    staff.post(url("strategy-publish", draft))
    detail = url("strategy-version-detail", draft, 1)
    assert staff.post(detail, {"note": "altceva"}).status_code in (403, 405)
    assert staff.delete(detail).status_code == 405
    assert draft.versions.get().note == ""


def test_the_version_page_renders_the_document_and_sanitises_bodies(world, draft, staff):
    draft.sections.update(body='<p>Ok</p><script>alert("x")</script><img src=x onerror=alert(1)>')
    version = StrategyVersionFactory(strategy=draft, number=1)
    html = staff.get(url("strategy-version-detail", draft, version.number)).content.decode()
    specific = draft.objectives.get().specific_objectives.get()
    indicator = specific.indicators.get()
    for anchor in (
        f'id="section-{draft.sections.get().pk}"',
        f'id="objective-{draft.objectives.get().pk}"',
        f'id="specific-{specific.pk}"',
        f'id="indicator-{indicator.pk}"',
    ):
        assert anchor in html
    assert "OS1.1" in html and "I1.1.1" in html and "Registrul DAS" in html
    assert "<p>Ok</p>" in html
    assert 'alert("x")' not in html and "onerror" not in html


def test_the_versions_list_says_which_version_is_under_consultation(world, draft, staff):
    v1 = StrategyVersionFactory(strategy=draft, number=1, note="Pentru consultare")
    PublicConsultationFactory(version=v1)
    html = staff.get(url("strategy-versions", draft)).content.decode()
    assert "Pentru consultare" in html and "under consultation" in html


def test_the_versions_list_keeps_a_constant_number_of_queries(world, draft, staff):
    def add_versions(first, count):
        for number in range(first, first + count):
            version = StrategyVersionFactory(strategy=draft, number=number)
            if number % 2:
                PublicConsultationFactory(
                    version=version,
                    announced_on=datetime.date(2026, 1, number),
                    comments_until=datetime.date(2026, 1, number),
                )

    add_versions(1, 2)
    few = count_queries(lambda: staff.get(url("strategy-versions", draft)))
    add_versions(3, 8)
    many = count_queries(lambda: staff.get(url("strategy-versions", draft)))
    assert few == many


# --- Comparing -------------------------------------------------------------------------------


def test_word_diff_escapes_text_and_marks_changes():
    html = word_diff("Servicii pentru vârstnici", "Servicii <script>x</script> pentru copii")
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert '<del class="bg-danger-subtle">vârstnici</del>' in html
    assert '<ins class="bg-success-subtle">copii</ins>' in html


def test_word_diff_of_a_long_text_stays_quick():
    import time

    words = [f"cuvânt{i % 700}" for i in range(20000)]
    changed = list(words)
    changed[5000:5003] = ["text", "nou"]
    paragraphs = "\n".join(" ".join(words[i : i + 100]) for i in range(0, 20000, 100))
    edited = "\n".join(" ".join(changed[i : i + 100]) for i in range(0, 19999, 100))
    start = time.perf_counter()
    html = word_diff(paragraphs, edited)
    assert time.perf_counter() - start < 2
    assert "<ins" in html and "<del" in html
    start = time.perf_counter()
    word_diff(" ".join(words), " ".join(changed))  # one huge paragraph
    assert time.perf_counter() - start < 2


def test_compare_shows_added_removed_and_changed_items(world, draft, staff):
    kept = draft.sections.get()
    removed = SectionFactory(strategy=draft, title="Capitol eliminat")
    removed_pk = removed.pk
    objective = draft.objectives.get()
    specific = objective.specific_objectives.get()
    indicator = specific.indicators.get()
    staff.post(url("strategy-publish", draft))

    removed.delete()
    kept.title = "Contextul <script>alert(1)</script> local"
    kept.save()
    added = SectionFactory(strategy=draft, title="Capitol nou")
    indicator.target = 150
    indicator.save()
    StrategicObjectiveFactory(strategy=draft, title="Obiectiv nou")
    staff.post(url("strategy-publish", draft))

    response = staff.get(url("strategy-version-compare", draft) + "?a=1&b=2")
    assert response.status_code == 200
    comparison = response.context["comparison"]
    sections = {item.id: item.status for item in comparison["sections"]}
    assert sections == {kept.pk: "changed", added.pk: "added", removed_pk: "removed"}
    first_objective = comparison["objectives"][0]
    assert first_objective.status == "unchanged" and first_objective.has_changes
    changed_indicator = first_objective.children[0].children[0]
    assert changed_indicator.status == "changed"
    assert [(f.old, f.new) for f in changed_indicator.fields] == [("120", "150")]
    assert comparison["objectives"][1].status == "added"

    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; local</ins>" in html
    assert f'id="change-section-{removed_pk}"' in html
    assert "Capitol nou" in html


def test_compare_collapses_unchanged_items(world, draft, staff):
    SectionFactory(strategy=draft, title="Capitol neschimbat")
    staff.post(url("strategy-publish", draft))
    draft.objectives.update(title="Titlu nou")
    staff.post(url("strategy-publish", draft))
    html = staff.get(url("strategy-version-compare", draft)).content.decode()
    assert "<details" in html and "Capitol neschimbat" in html
    assert 'id="change-section-' not in html  # sections did not change: none is expanded


@pytest.mark.parametrize("query", ["?a=abc&b=2", "?a=1&b=99", "?a=2&b=2", "?a=1"])
def test_bad_compare_parameters_name_the_field(world, draft, staff, query):
    staff.post(url("strategy-publish", draft))
    draft.objectives.update(title="Titlu nou")
    staff.post(url("strategy-publish", draft))
    response = staff.get(url("strategy-version-compare", draft) + query)
    assert response.status_code == 400
    assert response.context["form"].errors


def test_compare_with_a_single_version_explains_why(world, draft, staff):
    staff.post(url("strategy-publish", draft))
    response = staff.get(url("strategy-version-compare", draft) + "?a=1&b=2")
    assert response.status_code == 200
    assert "At least two published versions" in response.content.decode()


def test_compare_keeps_a_constant_number_of_queries(world, draft, staff):
    staff.post(url("strategy-publish", draft))
    draft.objectives.update(title="Titlu nou")
    staff.post(url("strategy-publish", draft))
    few = count_queries(lambda: staff.get(url("strategy-version-compare", draft) + "?a=1&b=2"))
    for n in range(6):
        objective = StrategicObjectiveFactory(strategy=draft, title=f"Obiectivul {n}")
        SectionFactory(strategy=draft)
        IndicatorFactory(specific_objective=SpecificObjectiveFactory(objective=objective))
    staff.post(url("strategy-publish", draft))
    many = count_queries(lambda: staff.get(url("strategy-version-compare", draft) + "?a=1&b=3"))
    assert few == many


# --- Opening the public consultation ---------------------------------------------------------


@pytest.fixture
def version(world, draft):
    set_stage(world.cycle, "public_consultation")
    return StrategyVersionFactory(strategy=draft, number=1, published_at=LONG_AGO)


def open_data(**overrides):
    data = {"justification": "Referatul de aprobare.", "announced_on": "2026-11-20"}
    data.update(overrides)
    return data


def test_staff_open_the_consultation_with_the_statutory_dates(world, version, staff):
    response = staff.post(url("consultation-open", version.strategy, 1), open_data())
    assert response.status_code == 302
    consultation = PublicConsultation.objects.get(version=version)
    assert consultation.announced_on == datetime.date(2026, 11, 20)
    assert consultation.comments_until == datetime.date(2026, 12, 2)  # 30 Nov, 1 Dec holidays
    assert consultation.earliest_submission == datetime.date(2027, 1, 11)
    assert consultation.municipality == world.municipality
    assert consultation.opened_by == world.users["staff"]
    assert consultation.history.get().history_user == world.users["staff"]


def test_the_page_computes_and_explains_the_dates_before_opening(world, version, staff):
    page = url("consultation-open", version.strategy, 1)
    html = staff.get(page + "?announced_on=2026-11-20").content.decode()
    assert "Wednesday, 2 December 2026" in html and "Monday, 11 January 2027" in html
    assert "Monday, 30 November 2026" in html  # the day the period would have ended, moved
    assert "Ziua Na" in html or "National" in html  # 1 December, named among the days skipped

    partial = staff.get(page + "?announced_on=2026-11-20", headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode() and "2 December 2026" in partial.content.decode()

    computed = staff.post(page, open_data(action="compute", justification=""))
    assert computed.status_code == 200 and "2 December 2026" in computed.content.decode()
    assert not PublicConsultation.objects.exists()


def test_a_bad_date_to_compute_is_refused_without_a_500(world, version, staff):
    page = url("consultation-open", version.strategy, 1)
    response = staff.get(page + "?announced_on=31.02.2026", headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert staff.get(page + "?announced_on=99999-01-01").status_code == 400
    assert staff.get(page + "?announced_on=2099-01-01").status_code == 400  # over a year ahead


def test_a_period_shorter_than_the_law_is_refused(world, version, staff):
    response = staff.post(
        url("consultation-open", version.strategy, 1), open_data(comments_until="2026-11-30")
    )
    assert response.status_code == 400
    assert "comments_until" in response.context["form"].errors
    assert not PublicConsultation.objects.exists()


def test_a_longer_period_is_kept_and_pushes_the_submission(world, version, staff):
    staff.post(
        url("consultation-open", version.strategy, 1), open_data(comments_until="2027-01-15")
    )
    consultation = PublicConsultation.objects.get()
    assert consultation.comments_until == datetime.date(2027, 1, 15)
    assert consultation.earliest_submission == datetime.date(2027, 1, 18)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"justification": "  "}, "justification"),
        ({"announced_on": "2025-12-31"}, "announced_on"),  # before the version was published
        ({"announced_on": "nu"}, "announced_on"),
        ({"comments_until": "2026-13-01"}, "comments_until"),
    ],
)
def test_bad_consultation_data_names_the_field_and_writes_nothing(
    world, version, staff, data, field
):
    response = staff.post(url("consultation-open", version.strategy, 1), open_data(**data))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not PublicConsultation.objects.exists()


def test_a_version_is_put_to_consultation_only_once(world, version, staff):
    page = url("consultation-open", version.strategy, 1)
    staff.post(page, open_data())
    response = staff.post(page, open_data(announced_on="2027-02-01"))
    assert response.status_code == 400
    assert "already under public consultation" in response.content.decode()
    assert PublicConsultation.objects.count() == 1


def test_a_second_consultation_cannot_overlap_the_first(world, version, staff):
    staff.post(url("consultation-open", version.strategy, 1), open_data())
    version.strategy.sections.update(title="Revizuit")
    v2 = StrategyVersionFactory(strategy=version.strategy, number=2, published_at=LONG_AGO)
    response = staff.post(url("consultation-open", version.strategy, 2), open_data())
    assert response.status_code == 400
    assert "announced_on" in response.context["form"].errors
    assert not PublicConsultation.objects.filter(version=v2).exists()


def test_only_the_latest_version_is_put_to_consultation(world, version, staff):
    StrategyVersionFactory(strategy=version.strategy, number=2, published_at=LONG_AGO)
    response = staff.post(url("consultation-open", version.strategy, 1), open_data())
    assert response.status_code == 400
    assert "Version 1 is not the latest" in response.content.decode()
    assert not PublicConsultation.objects.exists()


def test_staff_extend_the_period_but_never_below_the_minimum(world, version, staff):
    page = url("consultation-open", version.strategy, 1)
    staff.post(page, open_data())
    extend = url("consultation-extend", version.strategy, 1)
    assert staff.post(extend, {"comments_until": "2027-01-15"}).status_code == 302
    consultation = PublicConsultation.objects.get()
    assert consultation.comments_until == datetime.date(2027, 1, 15)
    assert consultation.earliest_submission == datetime.date(2027, 1, 18)

    response = staff.post(extend, {"comments_until": "2026-12-01"})
    assert response.status_code == 400
    assert "comments_until" in response.context["extend_form"].errors
    consultation.refresh_from_db()
    assert consultation.comments_until == datetime.date(2027, 1, 15)
    assert staff.post(extend, {"comments_until": "2026-12-02"}).status_code == 302
    consultation.refresh_from_db()
    assert consultation.earliest_submission == datetime.date(2027, 1, 11)


def test_the_consultation_opens_only_in_the_public_consultation_stage(world, version, staff):
    set_stage(world.cycle, "objectives")
    page = url("consultation-open", version.strategy, 1)
    response = staff.get(page)
    assert response.status_code == 403
    assert "Public consultation" in response.content.decode()
    assert staff.post(page, open_data()).status_code == 403
    assert not PublicConsultation.objects.exists()


def test_the_open_form_defaults_to_today(world, version, staff):
    response = staff.get(url("consultation-open", version.strategy, 1))
    assert response.context["form"].initial["announced_on"] == timezone.localdate()
    today = law52.statutory_dates(timezone.localdate())["comments_until"]
    assert response.context["dates"]["comments_until"] == today


# --- Permission matrix -----------------------------------------------------------------------


def _with_version(world, stage="public_consultation", consultation=False):
    set_stage(world.cycle, stage)
    world.strategy = make_draft(world.municipality, world.cycle)
    version = StrategyVersionFactory(strategy=world.strategy, number=1, published_at=LONG_AGO)
    if consultation:
        PublicConsultationFactory(version=version)
    other_cycle = StrategyCycleFactory(municipality=world.municipality, title="Ciclul vechi")
    world.sibling = make_draft(world.municipality, other_cycle)
    StrategyVersionFactory(strategy=world.sibling, number=7)
    world.foreign = make_draft(world.other_municipality, world.other_cycle)
    StrategyVersionFactory(strategy=world.foreign, number=1)


def _u(name, *args, strategy="strategy"):
    return lambda w: reverse(name, args=[w.municipality.slug, getattr(w, strategy).pk, *args])


IN_A_MONTH = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()

CASES = [
    Case("versions", _u("strategy-versions"), statuses(MANAGERS, 200), setup=_with_version),
    Case(
        "publish",
        _u("strategy-publish"),
        statuses(MANAGERS, 302),
        method="post",
        setup=lambda w: (_with_version(w), w.strategy.sections.update(title="Schimbat")),
    ),
    Case("version", _u("strategy-version-detail", 1), statuses(MANAGERS, 200), setup=_with_version),
    Case(
        "compare",
        _u("strategy-version-compare"),
        statuses(MANAGERS, 200),
        setup=_with_version,
    ),
    Case(
        "open consultation page",
        _u("consultation-open", 1),
        statuses(MANAGERS, 200),
        setup=_with_version,
    ),
    Case(
        "open consultation",
        _u("consultation-open", 1),
        statuses(MANAGERS, 302),
        method="post",
        data={"justification": "Referat", "announced_on": "2026-06-01"},
        setup=_with_version,
    ),
    Case(
        "open consultation in the wrong stage",
        _u("consultation-open", 1),
        {},
        setup=lambda w: _with_version(w, stage="objectives"),
    ),
    Case(
        "extend consultation",
        _u("consultation-extend", 1),
        statuses(MANAGERS, 302),
        method="post",
        data={"comments_until": IN_A_MONTH},
        setup=lambda w: _with_version(w, consultation=True),
    ),
    Case(
        "extend a consultation that does not exist",
        _u("consultation-extend", 1),
        statuses(MANAGERS, 404),
        method="post",
        data={"comments_until": IN_A_MONTH},
        setup=_with_version,
    ),
    Case(
        "a version number of another strategy",
        _u("strategy-version-detail", 7),
        statuses(MANAGERS, 404),
        setup=_with_version,
    ),
    Case(
        "consultation of another strategy's version",
        _u("consultation-open", 7),
        statuses(MANAGERS, 404),
        setup=_with_version,
    ),
]
for _name, _args, _method in [
    ("strategy-versions", (), "get"),
    ("strategy-publish", (), "post"),
    ("strategy-version-detail", (1,), "get"),
    ("strategy-version-compare", (), "get"),
    ("consultation-open", (1,), "get"),
    ("consultation-open", (1,), "post"),
    ("consultation-extend", (1,), "post"),
]:
    CASES.append(
        Case(
            f"{_name} {_method} of another municipality's strategy",
            _u(_name, *_args, strategy="foreign"),
            statuses(LOGGED_IN, 404),
            method=_method,
            setup=_with_version,
        )
    )


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)
