"""The consultation report (Law 52/2003): the synthesis of the recommendations and their answers.

``report_data(consultation)`` gathers everything the report shows in a constant number of
queries; ``render_pdf`` and ``render_xlsx`` turn it into a file. The PDF is made by WeasyPrint
with ``StaticOnlyFetcher``: the only resources it may read are our own static files (CSS, fonts)
and inline ``data:`` URLs; http(s), ftp and any file elsewhere on disk are refused, so text typed
by a citizen can never make the server fetch a URL (no SSRF) or read a local file.

Hidden (moderated) comments are listed with the moderation reason, never with their text.
Authors are not named: the report is public, and the law asks for the recommendations, not who
made them; participants are counted per stakeholder type.
"""

from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beneficiaries.xlsx import workbook_bytes
from core.generated import register_kind
from core.models import Membership
from core.pdf import RefusedURL, html_to_pdf, static_only_fetcher  # noqa: F401 (re-exported)
from strategy.answering import answer_counts, pending_debate_requests
from strategy.document import labels
from strategy.models import Comment, PublicConsultation

KIND = "consultation_report"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _back_url(file) -> str | None:
    consultation_id = file.params.get("consultation")
    if not consultation_id:
        return None
    return reverse("consultation-answers", args=[file.municipality.slug, consultation_id])


register_kind(
    KIND,
    label=gettext_lazy("Consultation report"),
    back_url=_back_url,
    back_label=gettext_lazy("Back to the recommendations"),
)


# --- The data ------------------------------------------------------------------------------


def target_label(comment: Comment, known: dict) -> str:
    if comment.target == Comment.Target.DOCUMENT:
        return str(Comment.Target.DOCUMENT.label)
    return (
        comment.target_label
        or known.get((comment.target, comment.target_id))
        or str(comment.get_target_display())
    )


def report_data(consultation: PublicConsultation) -> dict:
    """Everything the report shows (7 queries, whatever the number of comments)."""
    consultation = PublicConsultation.objects.select_related(
        "municipality", "version__strategy__cycle"
    ).get(pk=consultation.pk)
    version = consultation.version
    comments = consultation.comments.all()
    counts = answer_counts(comments)
    kinds = dict(Membership.PublicKind.choices)
    participants = [
        {
            "kind": row["stakeholder_kind"],
            "label": str(kinds.get(row["stakeholder_kind"], row["stakeholder_kind"])),
            "people": row["people"],
            "comments": row["comments"],
        }
        for row in comments.order_by()
        .values("stakeholder_kind")
        .annotate(people=Count("author", distinct=True), comments=Count("pk"))
        .order_by("stakeholder_kind")
    ]
    people = comments.order_by().values("author").distinct().count()
    debates = list(consultation.debates.order_by("starts_at"))
    requests = list(consultation.debate_requests.order_by("created_at"))
    known = labels(version.snapshot) if version.snapshot else {}
    rows = []
    for number, comment in enumerate(
        comments.select_related("resulting_version").order_by("created_at", "pk"), start=1
    ):
        hidden = comment.hidden_at is not None
        rows.append(
            {
                "number": number,
                "id": comment.pk,
                "created_at": comment.created_at,
                "stakeholder": str(kinds.get(comment.stakeholder_kind, comment.stakeholder_kind)),
                "target": target_label(comment, known),
                "hidden": hidden,
                "hidden_reason": comment.hidden_reason if hidden else "",
                "text": "" if hidden else comment.text,
                "answer": comment.answer,
                "answer_label": str(comment.get_answer_display()) if comment.answer else "",
                "reason": comment.answer_reason,
                "answered_at": comment.answered_at,
                "resulting_version": (
                    f"v{comment.resulting_version.number}" if comment.resulting_version else ""
                ),
            }
        )
    now = timezone.now()
    return {
        "consultation": consultation,
        "municipality": consultation.municipality,
        "strategy": version.strategy,
        "version": version,
        "announced_on": consultation.announced_on,
        "comments_until": consultation.comments_until,
        "earliest_submission": consultation.earliest_submission,
        "period_ended": timezone.localdate(now) > consultation.comments_until,
        "counts": counts,
        "people": people,
        "participants": participants,
        "debates": debates,
        "debates_held": [d for d in debates if d.starts_at <= now],
        "debate_requests": requests,
        "pending_requests": pending_debate_requests(consultation, requests, debates),
        "recommendations": rows,
        "generated_at": now,
    }


# --- PDF ---------------------------------------------------------------------------------------


def render_html(data: dict) -> str:
    return render_to_string("pdf/consultation_report.html", data)


def render_pdf(data: dict) -> bytes:
    return html_to_pdf(render_html(data))


# --- XLSX --------------------------------------------------------------------------------------


def _local(moment):
    return timezone.localtime(moment) if moment else None


def render_xlsx(data: dict) -> bytes:
    counts = data["counts"]
    summary = [
        [_("Strategy"), data["strategy"].title],
        [_("Version put to consultation"), f"v{data['version'].number}"],
        [_("Announced on"), data["announced_on"]],
        [_("Recommendations until (inclusive)"), data["comments_until"]],
        [_("Earliest submission to the council"), data["earliest_submission"]],
        [_("People who sent recommendations"), data["people"]],
        [_("Recommendations received"), counts["total"]],
        [_("Accepted"), counts["accepted"]],
        [_("Partly accepted"), counts["partly"]],
        [_("Rejected"), counts["rejected"]],
        [_("Not answered yet"), counts["unanswered"]],
        [_("Hidden by moderation"), counts["hidden"]],
        [_("Requests for a public debate"), len(data["debate_requests"])],
        [_("Public debates held"), len(data["debates_held"])],
    ]
    recommendations = [
        [
            row["number"],
            _local(row["created_at"]),
            row["stakeholder"],
            row["target"],
            _("Hidden by moderation: %(reason)s") % {"reason": row["hidden_reason"]}
            if row["hidden"]
            else row["text"],
            row["answer_label"],
            row["reason"],
            row["resulting_version"],
        ]
        for row in data["recommendations"]
    ]
    participants = [[p["label"], p["people"], p["comments"]] for p in data["participants"]]
    debates = [[d.announced_on, _local(d.starts_at), d.place, d.minutes] for d in data["debates"]]
    return workbook_bytes(
        [
            (_("Summary"), [_("Item"), _("Value")], summary),
            (
                _("Recommendations"),
                [
                    _("No."),
                    _("Sent"),
                    _("Stakeholder type"),
                    _("On"),
                    _("Recommendation"),
                    _("Answer"),
                    _("Reasons"),
                    _("Changed in version"),
                ],
                recommendations,
            ),
            (
                _("Participants"),
                [_("Stakeholder type"), _("People"), _("Recommendations")],
                participants,
            ),
            (
                _("Public debates"),
                [_("Announced on"), _("Date and time"), _("Place"), _("Minutes")],
                debates,
            ),
        ]
    )


def build(file) -> tuple[bytes, str, str]:
    """Make the report a GeneratedFile asks for: (content, filename, content type)."""
    from core.generated import set_progress

    consultation = PublicConsultation.objects.get(
        pk=file.params["consultation"], municipality_id=file.municipality_id
    )
    fmt = file.params.get("format", "pdf")
    data = report_data(consultation)
    set_progress(file, 40)
    if fmt == "xlsx":
        content, content_type = render_xlsx(data), XLSX_TYPE
    else:
        fmt, content, content_type = "pdf", render_pdf(data), "application/pdf"
    set_progress(file, 90)
    return content, f"raport-consultare-{consultation.pk}.{fmt}", content_type
