"""A draft council decision: staff prepare it (texts, referat, raport, avize), make its dossier
and submit it; the council secretary finds it, downloads the dossier and records the vote, which
adopts the strategy version and the plan or sends them back with the council's notes."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from actionplans import council, dossier
from actionplans.models import ActionPlan, CouncilVote, DraftDecision, Opinion
from core.exceptions import DomainError
from core.models import GeneratedFile
from tests.factories import (
    ActionPlanFactory,
    BudgetLineFactory,
    CommentFactory,
    DraftDecisionFactory,
    IndicatorFactory,
    MeasureFactory,
    OpinionFactory,
    PublicConsultationFactory,
    SpecificObjectiveFactory,
    StrategicObjectiveFactory,
    StrategyFactory,
    StrategyVersionFactory,
)
from tests.matrix import ALL, Case, check, statuses
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def council_world(world, *, kind="strategy", municipality=None, cycle=None):
    """A cycle in the council stage with a published strategy version and a one-measure plan."""
    municipality = municipality or world.municipality
    cycle = cycle or world.cycle
    cycle.active_stage = "council_approval"
    cycle.save()
    strategy = StrategyFactory(municipality=municipality, cycle=cycle)
    objective = StrategicObjectiveFactory(
        strategy=strategy, title="Vârstnicii trăiesc demn în comunitate"
    )
    specific = SpecificObjectiveFactory(
        objective=objective, title="Îngrijire la domiciliu pentru 120 de vârstnici"
    )
    IndicatorFactory(specific_objective=specific)
    version = StrategyVersionFactory(strategy=strategy, published_by=world.users["staff"])
    # Its public consultation ended and the earliest submission date has passed.
    PublicConsultationFactory(
        version=version,
        announced_on=timezone.localdate() - datetime.timedelta(days=60),
        comments_until=timezone.localdate() - datetime.timedelta(days=50),
        earliest_submission=YESTERDAY,
        opened_by=world.users["staff"],
    )
    plan = ActionPlanFactory(
        municipality=municipality, cycle=cycle, created_by=world.users["staff"]
    )
    measure = MeasureFactory(
        plan=plan, specific_objective=specific, title="Centrul de zi Ferneziu pentru vârstnici"
    )
    BudgetLineFactory(measure=measure)
    return version, plan


def start(world, kind="strategy", **kwargs):
    version, plan = council_world(world, **kwargs)
    return council.create_decision(
        cycle=plan.cycle,
        kind=kind,
        plan=plan,
        strategy_version=version if kind == "strategy" else None,
        initiator="Primar, Ion Popescu",
        user=world.users["staff"],
    )


def committed():
    """Run what waits for the transaction's commit (the task queued, the e-mail sent)."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def make_dossier(decision, user):
    with committed():
        return dossier.request_dossier(decision=decision, user=user)


def register_documents(decision, user):
    return council.update_decision(
        decision=decision,
        data={
            "referat_number": "1201",
            "referat_date": YESTERDAY,
            "raport_number": "1202",
            "raport_date": YESTERDAY,
        },
        user=user,
    )


def pdf_file(text="Aviz favorabil al comisiei") -> bytes:
    from core.pdf import html_to_pdf

    return html_to_pdf(f"<p>{text}</p>")


def ready_to_submit(world, kind="strategy"):
    decision = register_documents(start(world, kind), world.users["staff"])
    if kind == "plan":
        OpinionFactory(decision=decision, body=Opinion.Body.COUNTY, added_by=world.users["staff"])
    make_dossier(decision, world.users["staff"])
    return decision


def submitted(world, kind="strategy", django_capture_on_commit_callbacks=None):
    decision = ready_to_submit(world, kind)
    return council.submit_decision(decision=decision, user=world.users["staff"])


def url(name, decision, *extra):
    return reverse(name, args=[decision.municipality.slug, decision.pk, *extra])


def vote_data(**changes):
    data = {
        "decision_number": "87",
        "decision_date": timezone.localdate().isoformat(),
        "session": "ordinary",
        "majority": "simple",
        "in_office": 23,
        "present": 19,
        "votes_for": 15,
        "votes_against": 2,
        "abstentions": 2,
        "notes": "",
    }
    data.update(changes)
    return data


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


# --- Preparing ---------------------------------------------------------------------------------


def test_staff_start_a_strategy_decision_from_the_municipalitys_templates(world, as_user):
    version, plan = council_world(world)
    client = as_user("staff")
    page = client.get(reverse("decision-create", args=[world.municipality.slug]))
    assert page.status_code == 200
    response = client.post(
        reverse("decision-create", args=[world.municipality.slug]),
        {
            "kind": "strategy",
            "plan": plan.pk,
            "strategy_version": version.pk,
            "initiator": "Primar, Ion Popescu",
        },
    )
    decision = DraftDecision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == decision.get_absolute_url()
    assert decision.status == DraftDecision.Status.DRAFT
    assert decision.strategy_version == version
    assert "Strategi" in decision.title
    detail = client.get(decision.get_absolute_url()).content.decode()
    assert "art. 196" in detail
    assert "not registered yet" in detail or "neînregistrat" in detail


def test_a_strategy_decision_needs_its_version_and_nothing_is_written_without_it(world, as_user):
    _version, plan = council_world(world)
    response = as_user("staff").post(
        reverse("decision-create", args=[world.municipality.slug]),
        {"kind": "strategy", "plan": plan.pk, "initiator": "Primar"},
    )
    assert response.status_code == 400
    assert "strategy_version" in response.context["form"].errors
    assert not DraftDecision.objects.exists()


def test_a_plan_has_one_draft_decision_at_a_time(world):
    decision = start(world)
    with pytest.raises(DomainError):
        council.create_decision(
            cycle=decision.cycle,
            kind="plan",
            plan=decision.plan,
            user=world.users["staff"],
        )
    assert DraftDecision.objects.count() == 1


def test_an_unknown_placeholder_is_refused_naming_the_field(world, as_user):
    decision = start(world)
    response = as_user("staff").post(
        url("decision-update", decision),
        {
            "strategy_version": decision.strategy_version_id,
            "initiator": decision.initiator,
            "title": decision.title,
            "preamble": "{{ nu_exista }}",
            "legal_basis": decision.legal_basis,
            "articles": decision.articles,
            "referat_text": decision.referat_text,
            "raport_text": decision.raport_text,
        },
    )
    assert response.status_code == 400
    assert "preamble" in response.context["form"].errors
    decision.refresh_from_db()
    assert "nu_exista" not in decision.preamble


# --- Opinions (avize) --------------------------------------------------------------------------


def test_an_opinion_that_is_not_a_pdf_is_refused_and_nothing_is_written(world, as_user):
    decision = start(world)
    response = as_user("staff").post(
        url("opinion-add", decision),
        {
            "body": "committee",
            "issuer": "Comisia de sănătate",
            "number": "12",
            "date": YESTERDAY.isoformat(),
            "verdict": "favourable",
            "file": SimpleUploadedFile("aviz.pdf", b"not a pdf at all", "application/pdf"),
        },
    )
    assert response.status_code == 400
    assert "file" in response.context["form"].errors
    assert not Opinion.objects.exists()


def test_an_opinion_dated_in_the_future_is_refused(world):
    decision = start(world)
    with pytest.raises(DomainError) as error:
        council.add_opinion(
            decision=decision,
            data={
                "body": "committee",
                "number": "3",
                "date": timezone.localdate() + datetime.timedelta(days=2),
                "verdict": "favourable",
            },
            user=world.users["staff"],
        )
    assert "date" in error.value.message_dict
    assert not Opinion.objects.exists()


def test_an_uploaded_opinion_is_downloaded_only_by_who_may_see_the_dossier(world, as_user):
    decision = start(world)
    content = pdf_file()
    as_user("staff").post(
        url("opinion-add", decision),
        {
            "body": "committee",
            "issuer": "Comisia de sănătate",
            "number": "12",
            "date": YESTERDAY.isoformat(),
            "verdict": "favourable",
            "file": SimpleUploadedFile("aviz-comisie.pdf", content, "application/pdf"),
        },
    )
    opinion = Opinion.objects.get()
    assert opinion.size == len(content)
    download = url("opinion-download", decision, opinion.pk)
    assert b"".join(as_user("staff").get(download).streaming_content) == content
    # The secretary sees the draft only once it went to the council.
    assert as_user("secretary").get(download).status_code == 403
    assert as_user("provider_a").get(download).status_code == 403
    foreign = reverse(
        "opinion-download", args=[world.other_municipality.slug, decision.pk, opinion.pk]
    )
    assert as_user("other_staff").get(foreign).status_code == 404


# --- The dossier -------------------------------------------------------------------------------


def test_the_dossier_holds_every_part_and_a_second_request_makes_no_second_file(world, as_user):
    decision = register_documents(start(world), world.users["staff"])
    content = pdf_file("Avizul comisiei de specialitate nr. 12")
    council.add_opinion(
        decision=decision,
        data={
            "body": "committee",
            "issuer": "Comisia de sănătate",
            "number": "12",
            "date": YESTERDAY,
            "verdict": "favourable",
        },
        uploaded=SimpleUploadedFile("aviz.pdf", content, "application/pdf"),
        user=world.users["staff"],
    )
    client = as_user("staff")
    with committed():
        response = client.post(url("decision-dossier", decision))
    file = GeneratedFile.objects.get(kind=dossier.KIND)
    assert response["Location"] == file.get_absolute_url()
    with committed():
        again = client.post(url("decision-dossier", decision))
    assert again["Location"] == file.get_absolute_url()
    assert GeneratedFile.objects.filter(kind=dossier.KIND).count() == 1
    file.refresh_from_db()
    assert file.state == GeneratedFile.State.DONE
    assert file.expires_at is None  # a council's dossier is kept
    pdf = file.file.read()
    reader = PdfReader(io.BytesIO(pdf))
    text = pdf_text(pdf)
    for expected in (
        "Vârstnicii trăiesc demn în comunitate",  # annex 1, the strategy
        "Centrul de zi Ferneziu pentru vârstnici",  # annex 2, the plan
        "art. 196",
        "Se aprobă",  # the articles
        "1201",  # the referat's number
        "Avizul comisiei de specialitate nr. 12",  # the appended aviz
    ):
        assert expected in " ".join(text.split()), expected
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert any("referat" in title.lower() for title in titles)
    assert "plan-anual-2027.xlsx" in reader.attachments
    assert 'pdfaid:part="3"' in reader.xmp_metadata.rdf_root.toxml()  # PDF/A-3b
    fonts = [
        font.get_object()
        for page in reader.pages[:3]
        for font in page["/Resources"]["/Font"].values()
    ]
    assert fonts and all(
        "/FontFile2" in font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        for font in fonts
    )  # embedded, with ș and ț
    assert "ș" in text or "ț" in text
    detail = client.get(decision.get_absolute_url()).content.decode()
    assert file.sha256 in detail


def test_a_dossier_made_before_the_texts_changed_is_out_of_date(world, as_user):
    decision = register_documents(start(world), world.users["staff"])
    first = make_dossier(decision, world.users["staff"])
    assert dossier.dossier_status(decision)["out_of_date"] is False
    decision = council.update_decision(
        decision=decision, data={"referat_text": "Un referat nou."}, user=world.users["staff"]
    )
    status = dossier.dossier_status(decision)
    assert status["file"] == first and status["out_of_date"] is True
    page = as_user("staff").get(decision.get_absolute_url()).content.decode()
    assert "out of date" in page or "neactualizat" in page
    second = make_dossier(decision, world.users["staff"])
    assert second.pk != first.pk
    assert dossier.dossier_status(decision)["out_of_date"] is False


def test_a_change_to_the_plan_makes_the_dossier_out_of_date(world):
    decision = register_documents(start(world), world.users["staff"])
    make_dossier(decision, world.users["staff"])
    BudgetLineFactory(measure=decision.plan.measures.first(), source="county")
    assert dossier.dossier_status(decision)["out_of_date"] is True


def test_a_worker_lost_mid_render_fills_the_same_row_when_the_task_is_redelivered(world):
    from actionplans.tasks import render_dossier

    decision = register_documents(start(world), world.users["staff"])
    file = make_dossier(decision, world.users["staff"])
    # What a killed worker leaves: the row marked running, the task not acknowledged.
    GeneratedFile.objects.filter(pk=file.pk).update(
        state=GeneratedFile.State.RUNNING, progress=40, sha256="", file=""
    )
    assert render_dossier(str(file.pk)) == GeneratedFile.State.DONE
    assert GeneratedFile.objects.filter(kind=dossier.KIND).count() == 1
    file.refresh_from_db()
    assert file.state == GeneratedFile.State.DONE and len(file.sha256) == 64


# --- To the council ----------------------------------------------------------------------------


def test_a_draft_without_its_referat_cannot_be_submitted_and_nothing_changes(world, as_user):
    decision = start(world)
    response = as_user("staff").post(url("decision-submit", decision))
    assert response.status_code == 400
    assert "referat" in response.content.decode().lower()
    decision.refresh_from_db()
    assert decision.status == DraftDecision.Status.DRAFT
    assert decision.plan.status == ActionPlan.Status.DRAFT
    assert not mail.outbox


def test_a_plan_decision_needs_the_county_councils_opinion(world):
    decision = register_documents(start(world, kind="plan"), world.users["staff"])
    make_dossier(decision, world.users["staff"])
    with pytest.raises(DomainError) as error:
        council.submit_decision(decision=decision, user=world.users["staff"])
    assert "county" in " ".join(error.value.messages).lower()


def test_submitting_freezes_the_plan_and_emails_the_secretary(
    world, as_user, django_capture_on_commit_callbacks
):
    decision = ready_to_submit(world)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user("staff").post(url("decision-submit", decision))
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == DraftDecision.Status.SUBMITTED
    assert decision.plan.status == ActionPlan.Status.SUBMITTED
    assert world.users["staff"].has_perm("actionplans.change_plan", decision.plan) is False
    sent = [message for message in mail.outbox if world.users["secretary"].email in message.to]
    assert len(sent) == 1
    assert dossier.dossier_status(decision)["sha256"] in sent[0].body
    assert reverse("council-workspace", args=[world.municipality.slug]) in sent[0].body


def test_the_secretary_finds_the_draft_in_the_workspace_with_its_checksum(world, as_user):
    decision = submitted(world)
    client = as_user("secretary")
    workspace_url = reverse("council-workspace", args=[world.municipality.slug])
    home = client.get(reverse("municipality-detail", args=[world.municipality.slug]))
    assert workspace_url in home.content.decode()  # in the menu and on the page
    page = client.get(workspace_url).content.decode()
    status = dossier.dossier_status(decision)
    assert status["sha256"] in page
    assert url("decision-vote", decision) in page
    download = client.get(status["download_url"])
    assert download.status_code == 200


def test_the_workspace_keeps_a_constant_number_of_queries(world, as_user):
    submitted(world)
    client = as_user("secretary")
    workspace_url = reverse("council-workspace", args=[world.municipality.slug])
    few = count_queries(lambda: client.get(workspace_url))
    for year in (2028, 2029, 2030):
        plan = ActionPlanFactory(
            municipality=world.municipality, cycle=world.cycle, year=year, status="submitted"
        )
        BudgetLineFactory(measure=MeasureFactory(plan=plan))
        decision = DraftDecisionFactory(plan=plan, status="submitted", submitted_at=timezone.now())
        make_dossier(decision, world.users["staff"])
    many = count_queries(lambda: client.get(workspace_url))
    assert many == few


# --- The vote ----------------------------------------------------------------------------------


def test_an_adopting_vote_adopts_the_version_and_approves_the_plan(
    world, as_user, django_capture_on_commit_callbacks
):
    decision = submitted(world)
    client = as_user("secretary")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("decision-vote", decision), vote_data())
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == DraftDecision.Status.ADOPTED
    assert decision.plan.status == ActionPlan.Status.APPROVED
    assert council.adopted_strategy_decision(decision.cycle) == decision
    vote = CouncilVote.objects.get(decision=decision)
    assert vote.adopted is True
    assert council.hcl_label(vote).startswith("HCL")
    # The council stage's checks pass: the cycle can move to monitoring.
    decision.cycle.refresh_from_db()
    results = decision.cycle.stage.run_checks(decision.cycle)
    assert all(result.done for _check, result in results), [
        (str(check.label), result.detail) for check, result in results
    ]
    # Adopted: nobody changes it any more, and the register shows it.
    assert world.users["staff"].has_perm("actionplans.change_decision", decision) is False
    register = client.get(reverse("council-workspace", args=[world.municipality.slug]))
    assert "87" in register.content.decode()


def test_a_rejected_draft_returns_to_staff_with_the_notes_and_the_vote_stays(world, as_user):
    decision = submitted(world)
    as_user("secretary").post(
        url("decision-vote", decision),
        vote_data(
            decision_number="",
            votes_for=5,
            votes_against=12,
            notes="Consiliul cere bugetarea centrului de zi.",
        ),
    )
    decision.refresh_from_db()
    assert decision.status == DraftDecision.Status.DRAFT
    assert decision.plan.status == ActionPlan.Status.DRAFT
    page = as_user("staff").get(decision.get_absolute_url()).content.decode()
    assert "Consiliul cere bugetarea centrului de zi." in page
    assert world.users["staff"].has_perm("actionplans.change_decision", decision)
    # A new dossier can be made and the draft submitted again; the first vote stays.
    make_dossier(decision, world.users["staff"])
    council.submit_decision(decision=decision, user=world.users["staff"])
    assert CouncilVote.objects.filter(decision=decision).count() == 1


def test_votes_that_do_not_add_up_are_refused_and_nothing_is_written(world, as_user):
    decision = submitted(world)
    response = as_user("secretary").post(
        url("decision-vote", decision), vote_data(present=10, votes_for=9, votes_against=5)
    )
    assert response.status_code == 400
    assert not CouncilVote.objects.exists()
    decision.refresh_from_db()
    assert decision.status == DraftDecision.Status.SUBMITTED


def test_a_secretary_votes_only_on_their_municipalitys_drafts(world, as_user):
    decision = submitted(world)
    foreign = reverse("decision-vote", args=[world.other_municipality.slug, decision.pk])
    assert as_user("secretary").get(foreign).status_code == 404


# --- Permission matrix -------------------------------------------------------------------------


def _draft(w):
    w.decision = register_documents(start(w), w.users["staff"])


def _submitted(w):
    _draft(w)
    make_dossier(w.decision, w.users["staff"])
    council.submit_decision(decision=w.decision, user=w.users["staff"])


def _dossier_download(w):
    return dossier.dossier_status(w.decision)["download_url"]


MANAGE = {"staff": 200, "administrator": 200}
SEE_SUBMITTED = {"staff": 200, "administrator": 200, "secretary": 200}

CASES = [
    Case(
        "council-workspace",
        lambda w: reverse("council-workspace", args=[w.municipality.slug]),
        SEE_SUBMITTED,
    ),
    Case(
        "decision-list",
        lambda w: reverse("decision-list", args=[w.municipality.slug]),
        SEE_SUBMITTED,
    ),
    Case(
        "decision-detail draft", lambda w: url("decision-detail", w.decision), MANAGE, setup=_draft
    ),
    Case(
        "decision-detail submitted",
        lambda w: url("decision-detail", w.decision),
        SEE_SUBMITTED,
        setup=_submitted,
    ),
    Case("decision-update", lambda w: url("decision-update", w.decision), MANAGE, setup=_draft),
    Case("decision-history", lambda w: url("decision-history", w.decision), MANAGE, setup=_draft),
    Case("decision-submit", lambda w: url("decision-submit", w.decision), MANAGE, setup=_draft),
    Case(
        "decision-dossier",
        lambda w: url("decision-dossier", w.decision),
        statuses(("staff", "administrator"), 302),
        method="post",
        setup=_draft,
    ),
    Case(
        "dossier download (draft)",
        lambda w: make_dossier(w.decision, w.users["staff"]) and _dossier_download(w),
        MANAGE,
        setup=_draft,
    ),
    Case("dossier download (submitted)", _dossier_download, SEE_SUBMITTED, setup=_submitted),
    Case(
        "decision-vote",
        lambda w: url("decision-vote", w.decision),
        {"secretary": 200},
        setup=_submitted,
    ),
    Case(
        "decision-create",
        lambda w: reverse("decision-create", args=[w.municipality.slug]),
        MANAGE,
        setup=lambda w: council_world(w),
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)


def test_another_municipalitys_ids_give_404(world, as_user):
    decision = submitted(world)
    file = dossier.dossier_for(decision)
    for name in ("decision-detail", "decision-vote", "decision-update"):
        foreign = reverse(name, args=[world.other_municipality.slug, decision.pk])
        assert as_user("other_staff").get(foreign).status_code == 404
    foreign_file = reverse("generated-file-download", args=[world.other_municipality.slug, file.pk])
    assert as_user("other_staff").get(foreign_file).status_code == 404


def test_submitting_and_adopting_leave_the_dossier_current(world):
    decision = submitted(world)
    assert dossier.dossier_status(decision)["out_of_date"] is False
    council.record_vote(
        decision=decision,
        data={**vote_data(), "decision_date": timezone.localdate()},
        user=world.users["secretary"],
    )
    decision.refresh_from_db()
    assert decision.status == DraftDecision.Status.ADOPTED
    assert dossier.dossier_status(decision)["out_of_date"] is False


def test_the_strategy_goes_to_the_council_only_after_its_consultation_allows_it(world):
    """Law 52/2003, art. 7: not before the earliest submission date, and never unconsulted."""
    decision = ready_to_submit(world)
    consultation = decision.strategy_version.consultation
    later = timezone.localdate() + datetime.timedelta(days=3)
    type(consultation).objects.filter(pk=consultation.pk).update(earliest_submission=later)
    with pytest.raises(DomainError, match=later.strftime("%d.%m.%Y")):
        council.submit_decision(decision=decision, user=world.users["staff"])
    consultation.delete()
    with pytest.raises(DomainError, match="not put to public consultation"):
        council.submit_decision(decision=decision, user=world.users["staff"])
    decision.refresh_from_db()
    assert decision.status == DraftDecision.Status.DRAFT
    assert decision.plan.status == "draft"


def test_a_large_consultation_is_summed_up_in_the_dossier_and_attached_whole(world, monkeypatch):
    """Thousands of recommendations would make the dossier thousands of pages: past a limit it
    prints the figures per part of the document and attaches every one with its answer."""
    import openpyxl

    decision = register_documents(start(world), world.users["staff"])
    consultation = decision.strategy_version.consultation
    texts = [f"Recomandarea numărul {n} despre centrul de zi" for n in range(3)]
    for text in texts:
        CommentFactory(
            consultation=consultation,
            text=text,
            answer="accepted",
            answer_reason="Preluată în versiunea următoare.",
        )
    monkeypatch.setattr(dossier, "LISTED_RECOMMENDATIONS", 2)
    pdf = dossier.render(decision)
    text = " ".join(pdf_text(pdf).split())
    assert texts[0] not in text  # not printed one by one
    assert "raport-consultare-publica.xlsx" in text
    reader = PdfReader(io.BytesIO(pdf))
    attached = reader.attachments["raport-consultare-publica.xlsx"][0]
    sheet_text = " ".join(
        str(cell)
        for sheet in openpyxl.load_workbook(io.BytesIO(attached)).worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )
    assert all(text_ in sheet_text for text_ in texts)

    monkeypatch.setattr(dossier, "LISTED_RECOMMENDATIONS", 200)
    pdf = dossier.render(decision)
    assert texts[0] in " ".join(pdf_text(pdf).split())  # a small one is printed whole
    assert "raport-consultare-publica.xlsx" not in PdfReader(io.BytesIO(pdf)).attachments


def test_the_lists_show_the_title_filled_in_never_its_placeholders(world, as_user):
    decision = submitted(world)
    lists = [
        reverse("decision-list", args=[world.municipality.slug]),
        reverse("council-workspace", args=[world.municipality.slug]),
        url("decision-vote", decision),
    ]
    for persona, address in (("staff", lists[0]), ("secretary", lists[1]), ("secretary", lists[2])):
        page = as_user(persona).get(address).content.decode()
        assert "{{" not in page, (persona, address)
        assert "a Municipiului Arcadia pentru perioada 2026–2030" in page, (persona, address)
