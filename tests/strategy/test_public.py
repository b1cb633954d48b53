"""The public side of the consultation on the draft (Law 52/2003): reading, commenting,
asking for a debate, following one's recommendations, and moderation."""

import datetime
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from core.exceptions import DomainError
from strategy import commenting
from strategy.models import Comment, Debate, DebateRequest
from tests.conftest import client_for
from tests.factories import (
    CommentFactory,
    GuidelineFactory,
    IndicatorFactory,
    PublicConsultationFactory,
    SectionFactory,
    SpecificObjectiveFactory,
    StrategicObjectiveFactory,
    StrategyFactory,
    StrategyVersionFactory,
)
from tests.matrix import ALL, LOGGED_IN, MANAGERS, Case, check, statuses
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

COMMENTERS = ("public", "provider_a", "provider_b", "facilitator")


def make_draft(world):
    """A published draft of the world's cycle, under consultation today (memoised on world)."""
    if getattr(world, "draft", None):
        return world.draft
    world.cycle.active_stage = "public_consultation"
    world.cycle.save()
    staff = world.users["staff"]
    strategy = StrategyFactory(municipality=world.municipality, cycle=world.cycle)
    section = SectionFactory(
        strategy=strategy,
        title="Contextul socio-economic",
        body="<p>Populația <strong>scade</strong>.</p><script>alert('body')</script>",
    )
    guideline = GuidelineFactory(strategy=strategy, title="Servicii în comunitate")
    objective = StrategicObjectiveFactory(
        strategy=strategy, guideline=guideline, title="Îngrijire la domiciliu"
    )
    specific = SpecificObjectiveFactory(objective=objective, title="Extinderea echipelor")
    indicator = IndicatorFactory(specific_objective=specific, name="Beneficiari îngrijiți")
    version = StrategyVersionFactory(strategy=strategy, published_by=staff)
    consultation = PublicConsultationFactory(
        version=version, opened_by=staff, justification="Referatul de aprobare: nevoi mari."
    )
    world.draft = SimpleNamespace(
        strategy=strategy,
        section=section,
        objective=objective,
        specific=specific,
        indicator=indicator,
        version=version,
        consultation=consultation,
    )
    return world.draft


def other_draft(world):
    """A consultation of the other municipality."""
    strategy = StrategyFactory(municipality=world.other_municipality, cycle=world.other_cycle)
    StrategicObjectiveFactory(strategy=strategy)
    version = StrategyVersionFactory(strategy=strategy)
    return PublicConsultationFactory(version=version)


def url(name, draft, **kwargs):
    slug = draft.consultation.municipality.slug
    return reverse(name, kwargs={"slug": slug, "pk": draft.consultation.pk, **kwargs})


def comments_url(draft, target, target_id=None, page=None):
    query = f"?target={target}" + (f"&id={target_id}" if target_id is not None else "")
    return url("consultation-comments", draft) + query + (f"&page={page}" if page else "")


def english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def draft(world):
    return make_draft(world)


def post_comment(client, draft, **data):
    payload = {"part": "document", "stakeholder_kind": "cetatean", "text": "O propunere."}
    payload.update(data)
    return client.post(url("consultation-comment", draft), payload)


# --- Reading the draft -----------------------------------------------------------------------


def test_anyone_reads_the_draft_with_its_note_dates_and_parts(world, draft, client):
    html = english(client).get(url("consultation-public", draft)).content.decode()
    consultation = draft.consultation
    assert "Referatul de aprobare: nevoi mari." in html
    for day in (consultation.announced_on, consultation.comments_until):
        assert day.strftime("%Y-%m-%d") in html
    assert consultation.earliest_submission.strftime("%Y-%m-%d") in html
    assert "Recommendations are open until" in html
    assert f'id="section-{draft.section.pk}"' in html and "Contextul socio-economic" in html
    assert f'id="objective-{draft.objective.pk}"' in html and "OS1" in html
    assert f'id="specific-{draft.specific.pk}"' in html and "OS1.1" in html
    assert f'id="indicator-{draft.indicator.pk}"' in html and "I1.1.1" in html
    assert "<strong>scade</strong>" in html  # the sanitised body keeps its formatting...
    assert "alert('body')" not in html  # ...but never a script, even if the snapshot had one
    assert reverse("public-signup", args=[world.municipality.slug]) in html


def test_the_page_says_when_comments_open_and_when_they_closed(world, draft, client):
    consultation = draft.consultation
    consultation.announced_on = timezone.localdate() + datetime.timedelta(days=3)
    consultation.save()
    assert (
        "Recommendations open on"
        in english(client).get(url("consultation-public", draft)).content.decode()
    )
    consultation.announced_on = timezone.localdate() - datetime.timedelta(days=40)
    consultation.comments_until = timezone.localdate() - datetime.timedelta(days=2)
    consultation.save()
    assert (
        "Recommendations closed on"
        in client.get(url("consultation-public", draft)).content.decode()
    )


def test_each_part_shows_its_number_of_visible_comments(world, draft, client):
    consultation = draft.consultation
    for _i in range(2):
        CommentFactory(consultation=consultation, target="objective", target_id=draft.objective.pk)
    CommentFactory(
        consultation=consultation,
        target="objective",
        target_id=draft.objective.pk,
        hidden_at=timezone.now(),
        hidden_reason="Limbaj jignitor",
    )
    CommentFactory(consultation=consultation, target="indicator", target_id=draft.indicator.pk)
    CommentFactory(consultation=consultation, target="document")
    response = english(client).get(url("consultation-public", draft))
    tree = response.context["tree"]
    assert tree["comments"]["count"] == 1
    assert tree["sections"][0]["comments"]["count"] == 0
    objective = tree["objectives"][0]
    assert objective["comments"]["count"] == 2
    assert objective["specific"][0]["comments"]["count"] == 0
    assert objective["specific"][0]["indicators"][0]["comments"]["count"] == 1
    html = response.content.decode()
    link = comments_url(draft, "objective", draft.objective.pk).replace("&", "&amp;")
    assert f'hx-get="{link}"' in html and "Comments (2)" in html


def test_the_public_page_lists_the_debates_with_their_minutes(world, draft, client):
    Debate.objects.create(
        consultation=draft.consultation,
        announced_on=timezone.localdate(),
        starts_at=timezone.now() + datetime.timedelta(days=10),
        place="Sala mare a Primăriei",
        minutes="Participanții au cerut mai multe locuri în centrul de zi.",
    )
    html = client.get(url("consultation-public", draft)).content.decode()
    assert "Sala mare a Primăriei" in html and "mai multe locuri în centrul de zi" in html


# --- Reading the comments of a part ----------------------------------------------------------


def test_a_parts_comments_show_name_type_and_answer_but_never_the_email(world, draft, client):
    author = world.users["public"]
    CommentFactory(
        consultation=draft.consultation,
        author=author,
        target="section",
        target_id=draft.section.pk,
        text="Lipsesc datele despre vârstnici.",
        answer="partly",
        answer_reason="Am adăugat datele din 2024.",
        resulting_version=draft.version,
    )
    response = english(client).get(comments_url(draft, "section", draft.section.pk))
    html = response.content.decode()
    assert f"{author.first_name} {author.last_name[0]}." in html
    assert author.email not in html
    assert "Lipsesc datele despre vârstnici." in html and "citizen" in html
    assert "partly accepted" in html and "Am adăugat datele din 2024." in html
    assert "<html" in html  # without htmx: a whole page with a way back to the draft


def test_htmx_gets_only_the_fragment_and_pages_of_twenty_oldest_first(world, draft, client):
    start = timezone.now() - datetime.timedelta(days=1)
    for i in range(25):
        CommentFactory(
            consultation=draft.consultation,
            target="objective",
            target_id=draft.objective.pk,
            text=f"Comentariul numărul {i:02d}",
            created_at=start + datetime.timedelta(minutes=i),
        )
    first = client.get(comments_url(draft, "objective", draft.objective.pk), HTTP_HX_REQUEST="true")
    assert "<html" not in first.content.decode()
    assert [c.text[-2:] for c in first.context["comments"]] == [f"{i:02d}" for i in range(20)]
    second = client.get(
        comments_url(draft, "objective", draft.objective.pk, page=2), HTTP_HX_REQUEST="true"
    )
    assert [c.text[-2:] for c in second.context["comments"]] == ["20", "21", "22", "23", "24"]


@pytest.mark.parametrize(
    "query", ["?target=objective&id=999999", "?target=objective&id=abc", "?target=nonsense&id=1"]
)
def test_comments_of_a_part_not_in_the_draft_are_not_found(world, draft, client, query):
    assert client.get(url("consultation-comments", draft) + query).status_code == 404


def test_a_hidden_comment_shows_its_reason_not_its_text(world, draft, client, as_user):
    comment = CommentFactory(
        consultation=draft.consultation,
        author=world.users["public"],
        target="objective",
        target_id=draft.objective.pk,
        text="Text jignitor care nu trebuie văzut.",
        hidden_at=timezone.now(),
        hidden_by=world.users["staff"],
        hidden_reason="Limbaj jignitor",
    )
    html = english(client).get(comments_url(draft, "objective", draft.objective.pk)).content
    html = html.decode()
    assert "Hidden by the moderator: Limbaj jignitor" in html
    assert comment.text not in html
    mine = english(as_user("public")).get(url("my-comments", draft)).content.decode()
    assert comment.text in mine and "Limbaj jignitor" in mine


# --- Commenting ------------------------------------------------------------------------------


def test_a_citizen_comments_on_an_indicator_and_the_label_is_recorded(world, draft, as_user):
    response = post_comment(
        as_user("public"),
        draft,
        part=f"indicator:{draft.indicator.pk}",
        text="Ținta de 120 de persoane este prea mică.",
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert response["Location"] == (
        comments_url(draft, "indicator", draft.indicator.pk, page=1) + f"#comment-{comment.pk}"
    )
    assert (comment.target, comment.target_id) == ("indicator", draft.indicator.pk)
    assert comment.target_label == "I1.1.1 Beneficiari îngrijiți"
    assert comment.author == world.users["public"] and comment.stakeholder_kind == "cetatean"
    assert comment.history.get().history_user == world.users["public"]


@pytest.mark.parametrize(
    ("persona", "kind"), [("public", "cetatean"), ("provider_a", "organizatie")]
)
def test_the_stakeholder_type_is_prefilled_from_the_role(world, draft, as_user, persona, kind):
    form = as_user(persona).get(url("consultation-public", draft)).context["form"]
    assert form["stakeholder_kind"].value() == kind


def test_a_facilitator_must_say_as_whom_they_comment(world, draft, as_user):
    response = post_comment(as_user("facilitator"), draft, stakeholder_kind="")
    assert response.status_code == 400
    assert "stakeholder_kind" in response.context["form"].errors
    assert not Comment.objects.exists()


def test_html_and_scripts_in_a_comment_are_shown_as_text(world, draft, as_user, client):
    text = "<script>alert('x')</script><b>îngroșat</b>\nrândul doi"
    post_comment(as_user("public"), draft, text=text)
    html = client.get(comments_url(draft, "document")).content.decode()
    assert "<script>alert('x')</script>" not in html and "<b>îngroșat</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;îngroșat&lt;/b&gt;<br>rândul doi" in html


def test_an_overlong_comment_is_refused_with_the_limit_and_nothing_is_written(
    world, draft, as_user, settings
):
    settings.SPIRALA_COMMENT_MAX_CHARS = 50
    client = english(as_user("public"))
    response = post_comment(client, draft, text="x" * 51)
    assert response.status_code == 400
    assert "at most 50 characters" in " ".join(response.context["form"].errors["text"])
    assert not Comment.objects.exists()
    assert post_comment(client, draft, text="x" * 50).status_code == 302


def test_line_breaks_count_as_one_character(world, draft, as_user, settings):
    settings.SPIRALA_COMMENT_MAX_CHARS = 10
    assert post_comment(as_user("public"), draft, text="abcd\r\nefgh").status_code == 302


def test_the_sixth_comment_in_ten_minutes_is_refused(world, draft, as_user, settings):
    settings.SPIRALA_COMMENT_BURST = 5
    client = english(as_user("public"))
    for i in range(5):
        assert post_comment(client, draft, text=f"Propunerea {i}").status_code == 302
    response = post_comment(client, draft, text="Încă una")
    assert response.status_code == 400
    assert "last 10 minutes" in " ".join(response.context["form"].non_field_errors())
    assert Comment.objects.count() == 5
    Comment.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=11))
    assert post_comment(client, draft, text="Mai târziu").status_code == 302


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_comment_outside_the_period_is_refused_with_the_dates(world, draft, as_user, when):
    consultation = draft.consultation
    today = timezone.localdate()
    if when == "before":
        consultation.announced_on = today + datetime.timedelta(days=2)
        consultation.comments_until = today + datetime.timedelta(days=20)
    else:
        consultation.announced_on = today - datetime.timedelta(days=20)
        consultation.comments_until = today - datetime.timedelta(days=1)
    consultation.save()
    response = post_comment(english(as_user("public")), draft)
    assert response.status_code == 403
    html = response.content.decode()
    for day in (consultation.announced_on, consultation.comments_until):
        assert f"{day.day} {day.strftime('%B')} {day.year}" in html
    assert not Comment.objects.exists()


def test_the_service_itself_refuses_a_comment_outside_the_period(world, draft):
    consultation = draft.consultation
    consultation.comments_until = timezone.localdate() - datetime.timedelta(days=1)
    consultation.save()
    with pytest.raises(DomainError):
        commenting.add_comment(
            consultation=consultation,
            user=world.users["public"],
            target="document",
            target_id=None,
            text="Prea târziu",
            stakeholder_kind="cetatean",
        )


@pytest.mark.parametrize(
    "part", ["objective:999999", "indicator:abc", "nonsense", "section:other", ""]
)
def test_a_comment_on_a_part_not_in_the_draft_is_refused(world, draft, as_user, part):
    if part == "section:other":
        other = other_draft(world)
        part = f"objective:{other.version.strategy.objectives.get().pk}"
    response = post_comment(as_user("public"), draft, part=part)
    assert response.status_code == 400
    assert "part" in response.context["form"].errors
    assert not Comment.objects.exists()


def test_a_part_added_to_the_live_draft_after_publishing_cannot_be_commented(world, draft, as_user):
    later = StrategicObjectiveFactory(strategy=draft.strategy)
    response = post_comment(as_user("public"), draft, part=f"objective:{later.pk}")
    assert response.status_code == 400 and not Comment.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in_and_back_to_the_draft(world, draft, client):
    response = post_comment(client, draft)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "next=" in response["Location"] and str(draft.consultation.pk) in response["Location"]
    assert not Comment.objects.exists()


def test_comments_are_refused_before_the_public_consultation_stage(world, draft, as_user):
    world.cycle.active_stage = "objectives"
    world.cycle.save()
    response = post_comment(english(as_user("public")), draft)
    assert response.status_code == 403
    assert "Public consultation" in response.content.decode()
    assert not Comment.objects.exists()


# --- My recommendations ----------------------------------------------------------------------


def test_a_commenter_sees_what_became_of_each_recommendation(world, draft, as_user):
    author = world.users["public"]
    CommentFactory(
        consultation=draft.consultation,
        author=author,
        text="Adăugați un centru de zi.",
        answer="accepted",
        answer_reason="Introdus ca OS1.2.",
        answered_at=timezone.now(),
        resulting_version=StrategyVersionFactory(strategy=draft.strategy, number=7),
    )
    CommentFactory(consultation=draft.consultation, author=author, text="Încă o idee.")
    CommentFactory(consultation=draft.consultation, text="Comentariul altcuiva.")
    html = english(as_user("public")).get(url("my-comments", draft)).content.decode()
    assert "Adăugați un centru de zi." in html and "Introdus ca OS1.2." in html
    assert "accepted" in html and "version 7" in html
    assert "Încă o idee." in html and "Not answered yet" in html
    assert "Comentariul altcuiva." not in html


# --- Requests for a public debate ------------------------------------------------------------


def test_an_association_asks_for_a_public_debate(world, draft, as_user):
    client = as_user("provider_a")
    form = client.get(url("debate-request", draft)).context["form"]
    assert form["organisation_name"].value() == world.org_a.name
    response = client.post(
        url("debate-request", draft),
        {"organisation_name": world.org_a.name, "reason": "Vrem să discutăm bugetul."},
    )
    assert response.status_code == 302
    request = DebateRequest.objects.get()
    assert request.requested_by == world.users["provider_a"]
    assert request.history.get().history_user == world.users["provider_a"]


def test_a_debate_request_needs_the_organisations_name(world, draft, as_user):
    response = as_user("public").post(url("debate-request", draft), {"organisation_name": " "})
    assert response.status_code == 400
    assert "organisation_name" in response.context["form"].errors
    assert not DebateRequest.objects.exists()


# --- Moderation ------------------------------------------------------------------------------


def test_staff_hide_a_comment_with_a_reason_and_show_it_again(world, draft, as_user):
    comment = CommentFactory(consultation=draft.consultation, target="document")
    client = as_user("staff")
    refused = client.post(url("comment-hide", draft, comment_pk=comment.pk), {"reason": ""})
    assert refused.status_code == 400 and "reason" in refused.context["form"].errors
    comment.refresh_from_db()
    assert comment.hidden_at is None
    response = client.post(url("comment-hide", draft, comment_pk=comment.pk), {"reason": "Spam"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.hidden_at and comment.hidden_by == world.users["staff"]
    assert comment.hidden_reason == "Spam"
    assert client.post(url("comment-unhide", draft, comment_pk=comment.pk)).status_code == 302
    comment.refresh_from_db()
    assert comment.hidden_at is None and Comment.objects.filter(pk=comment.pk).exists()
    reasons = list(comment.history.order_by("history_id").values_list("hidden_reason", flat=True))
    assert reasons == ["", "Spam", ""]
    assert comment.history.first().history_user == world.users["staff"]


def test_staff_of_another_municipality_cannot_reach_a_comment_through_their_own(
    world, draft, as_user
):
    comment = CommentFactory(consultation=draft.consultation)
    response = as_user("other_staff").post(
        reverse(
            "comment-hide",
            kwargs={
                "slug": world.other_municipality.slug,
                "pk": draft.consultation.pk,
                "comment_pk": comment.pk,
            },
        ),
        {"reason": "Spam"},
    )
    assert response.status_code == 404
    comment.refresh_from_db()
    assert comment.hidden_at is None


# --- Constant number of queries --------------------------------------------------------------


def _add_comments(draft, n):
    targets = [
        ("document", None),
        ("section", draft.section.pk),
        ("objective", draft.objective.pk),
        ("specific", draft.specific.pk),
        ("indicator", draft.indicator.pk),
    ]
    for i in range(n):
        target, target_id = targets[i % len(targets)]
        CommentFactory(
            consultation=draft.consultation,
            target=target,
            target_id=target_id,
            answer="accepted" if i % 3 == 0 else "",
            resulting_version=draft.version if i % 6 == 0 else None,
            hidden_at=timezone.now() if i % 7 == 0 else None,
        )


@pytest.mark.parametrize("persona", ["anonymous", "public", "staff"])
def test_the_public_page_keeps_a_constant_number_of_queries(world, draft, persona):
    client = client_for(world.users[persona])
    page = url("consultation-public", draft)
    _add_comments(draft, 5)
    few = count_queries(lambda: client.get(page))
    _add_comments(draft, 55)
    assert count_queries(lambda: client.get(page)) == few


@pytest.mark.parametrize("persona", ["anonymous", "staff"])
def test_the_comments_of_a_part_keep_a_constant_number_of_queries(world, draft, persona):
    client = client_for(world.users[persona])
    page = comments_url(draft, "objective", draft.objective.pk)
    _add_comments(draft, 5)
    few = count_queries(lambda: client.get(page, HTTP_HX_REQUEST="true"))
    _add_comments(draft, 95)
    assert count_queries(lambda: client.get(page, HTTP_HX_REQUEST="true")) == few


# --- Permission matrix -----------------------------------------------------------------------


def _comment(world, **extra):
    return CommentFactory(consultation=make_draft(world).consultation, **extra)


def _set_stage(stage):
    def setup(world):
        make_draft(world)
        world.cycle.active_stage = stage
        world.cycle.save()

    return setup


def _close_period(world):
    consultation = make_draft(world).consultation
    consultation.announced_on = timezone.localdate() - datetime.timedelta(days=30)
    consultation.comments_until = timezone.localdate() - datetime.timedelta(days=1)
    consultation.save()


COMMENT = {"part": "document", "stakeholder_kind": "cetatean", "text": "Propun mai mult."}

CASES = [
    Case(
        "public page",
        lambda w: url("consultation-public", make_draft(w)),
        statuses(ALL, 200),
    ),
    Case(
        "comments of a part",
        lambda w: comments_url(make_draft(w), "objective", make_draft(w).objective.pk),
        statuses(ALL, 200),
    ),
    Case(
        "another municipality's consultation",
        lambda w: reverse("consultation-public", args=[w.municipality.slug, other_draft(w).pk]),
        statuses(ALL, 404),
    ),
    Case(
        "comments of another municipality's consultation",
        lambda w: reverse("consultation-comments", args=[w.municipality.slug, other_draft(w).pk]),
        statuses(ALL, 404),
    ),
    Case(
        "comment while open",
        lambda w: url("consultation-comment", make_draft(w)),
        statuses(COMMENTERS, 302),
        method="post",
        data=COMMENT,
    ),
    Case(
        "comment before the consultation stage",
        lambda w: url("consultation-comment", make_draft(w)),
        {},
        method="post",
        data=COMMENT,
        setup=_set_stage("objectives"),
    ),
    Case(
        "comment after the period",
        lambda w: url("consultation-comment", make_draft(w)),
        {},
        method="post",
        data=COMMENT,
        setup=_close_period,
    ),
    Case(
        "comment on another municipality's consultation",
        lambda w: reverse("consultation-comment", args=[w.municipality.slug, other_draft(w).pk]),
        statuses(ALL, 404),
        method="post",
        data=COMMENT,
    ),
    Case(
        "debate request form",
        lambda w: url("debate-request", make_draft(w)),
        statuses(("public", "provider_a", "provider_b"), 200),
    ),
    Case(
        "debate request",
        lambda w: url("debate-request", make_draft(w)),
        statuses(("public", "provider_a", "provider_b"), 302),
        method="post",
        data={"organisation_name": "Asociația Părinților"},
    ),
    Case(
        "my comments",
        lambda w: url("my-comments", make_draft(w)),
        statuses(LOGGED_IN, 200),
    ),
    Case(
        "hide form",
        lambda w: url("comment-hide", make_draft(w), comment_pk=_comment(w).pk),
        statuses(MANAGERS, 200),
    ),
    Case(
        "hide",
        lambda w: url("comment-hide", make_draft(w), comment_pk=_comment(w).pk),
        statuses(MANAGERS, 302),
        method="post",
        data={"reason": "Spam"},
    ),
    Case(
        "unhide",
        lambda w: url(
            "comment-unhide",
            make_draft(w),
            comment_pk=_comment(w, hidden_at=timezone.now(), hidden_reason="Spam").pk,
        ),
        statuses(MANAGERS, 302),
        method="post",
    ),
    Case(
        "hide a comment of another municipality's consultation",
        lambda w: url(
            "comment-hide",
            make_draft(w),
            comment_pk=CommentFactory(consultation=other_draft(w)).pk,
        ),
        statuses(MANAGERS, 404),
        method="post",
        data={"reason": "Spam"},
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)


def test_staff_are_emailed_when_a_public_debate_is_requested(
    world, draft, as_user, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        as_user("provider_a").post(
            url("debate-request", draft),
            {"organisation_name": world.org_a.name, "reason": "Vrem să discutăm bugetul."},
        )
    to = sorted(address for message in mail.outbox for address in message.to)
    assert to == sorted([world.users["staff"].email, world.users["administrator"].email])
    assert world.org_a.name in mail.outbox[0].subject
    assert "Vrem să discutăm bugetul." in mail.outbox[0].body
