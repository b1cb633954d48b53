"""The strategy as a PDF: a standalone file of any version, and Annex 1 of the council dossier.

``version_context(version)`` is what ``pdf/strategy_body.html`` shows (as ``strategy_doc``): the
version's frozen document, and after each strategic objective the evidence behind it (its SPIRAL
dimensions with the map of needs' figures, the beneficiaries' statements, the providers' answers
and the working-group proposals it cites), read from the live objects in a constant number of
queries whatever the number of objectives. Statements are quoted with their beneficiary group,
never with who said or typed them.

Staff make the PDF of any version through the stored-file pattern (``request_pdf``); the public
PDF of the adopted version is made by ``actionplans.publication``.
"""

import hashlib

from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from beneficiaries.analysis import SMALL_CELL
from beneficiaries.models import CodingRound, Statement, StatementCode
from consultations.models import Answer, GroupProposal
from core.generated import create_generated_file, is_expired, register_kind, set_progress
from core.models import GeneratedFile
from strategy.evidence import dimension_counts, prepare_answers
from strategy.models import StrategicObjective, StrategyVersion
from strategy.versions import prepare_tree

KIND = "strategy_pdf"
PDF_TYPE = "application/pdf"


def _back_url(file) -> str | None:
    strategy_id = file.params.get("strategy")
    if not strategy_id:
        return None
    return reverse("strategy-versions", args=[file.municipality.slug, strategy_id])


register_kind(
    KIND,
    label=gettext_lazy("Strategy (PDF)"),
    # Staff and administrators of the municipality: those who may read the versions.
    perm="strategy.view_strategy",
    back_url=_back_url,
    back_label=gettext_lazy("Back to the versions"),
)


# --- The evidence behind the objectives --------------------------------------------------------


def _empty_evidence() -> dict:
    return {"dimensions": [], "statements": [], "answers": [], "proposals": []}


def objectives_evidence(strategy, objective_ids) -> dict[int, dict]:
    """Objective pk → its evidence, for the objectives of `strategy` among `objective_ids`.

    Eight queries at most, whatever the number of objectives and citations: the objectives, their
    dimensions, statements (and their codes), answers, proposals, one aggregate of the map of
    needs, and the labels of matrix answers.
    """
    ids = [pk for pk in objective_ids if isinstance(pk, int)]
    if not ids:
        return {}
    objectives = list(
        StrategicObjective.objects.filter(strategy_id=strategy.pk, pk__in=ids)
        .only("pk", "strategy_id")
        .prefetch_related(
            "dimensions",
            Prefetch(
                "statements",
                queryset=Statement.objects.select_related("session__category")
                .prefetch_related(
                    Prefetch(
                        "codes",
                        queryset=StatementCode.objects.filter(round=CodingRound.PRIMARY)
                        .select_related("dimension")
                        .order_by("dimension__code"),
                        to_attr="primary_codes",
                    )
                )
                .order_by("session__category__name", "question", "pk"),
            ),
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related(
                    "question", "response__organisation", "response__round"
                ).order_by(
                    "response__round__opens_at",
                    "response__organisation__name",
                    "question__position",
                    "pk",
                ),
            ),
            Prefetch(
                "proposals",
                queryset=GroupProposal.objects.select_related("group", "proposed_by").order_by(
                    "group__name", "pk"
                ),
            ),
        )
    )
    all_dimensions = {d.pk: d for o in objectives for d in o.dimensions.all()}
    counts = {
        item["dimension"].pk: item
        for item in dimension_counts(strategy.cycle_id, all_dimensions.values())
    }
    answers = [answer for o in objectives for answer in o.answers.all()]
    prepare_answers(strategy.municipality, answers)
    found = {}
    for objective in objectives:
        found[objective.pk] = {
            "dimensions": [
                counts[d.pk] for d in sorted(objective.dimensions.all(), key=lambda d: d.code)
            ],
            "statements": list(objective.statements.all()),
            "answers": list(objective.answers.all()),
            "proposals": list(objective.proposals.all()),
        }
    return found


def version_context(version: StrategyVersion) -> dict:
    """The version's frozen document with each objective's evidence, for ``strategy_body.html``.

    Each objective of ``tree`` gains ``evidence`` (dimensions with their figures, statements,
    answers, proposals); an objective deleted since the version was published has none.
    """
    strategy = version.strategy
    tree = prepare_tree(version.snapshot)
    evidence = objectives_evidence(strategy, [o.get("id") for o in tree.get("objectives", [])])
    for objective in tree.get("objectives", []):
        objective["evidence"] = evidence.get(objective.get("id")) or _empty_evidence()
        objective["has_evidence"] = any(objective["evidence"].values())
    return {
        "version": version,
        "strategy": strategy,
        "municipality": strategy.municipality,
        "tree": tree,
        "small_cell": SMALL_CELL,
    }


# --- Rendering -------------------------------------------------------------------------------


def filename(version: StrategyVersion) -> str:
    """strategia-arcadia-v3.pdf"""
    return f"strategia-{slugify(version.strategy.municipality.slug)}-v{version.number}.pdf"


def strategy_html(version: StrategyVersion, *, vote=None) -> str:
    """The standalone document (``pdf/strategy.html``); with `vote`, the HCL that adopted it."""
    context = version_context(version)
    context["strategy_doc"] = dict(context)
    context["vote"] = vote
    context["generated_at"] = timezone.now()
    return render_to_string("pdf/strategy.html", context)


def strategy_pdf(version: StrategyVersion, *, vote=None) -> bytes:
    from core.pdf import html_to_pdf

    return html_to_pdf(strategy_html(version, vote=vote))


def evidence_fingerprint(version: StrategyVersion) -> str:
    """What the evidence of the version's objectives is made of, summed up (four queries): a
    PDF made before a citation changed is made again."""
    ids = [o.get("id") for o in version.snapshot.get("objectives", [])]
    parts = []
    for relation in ("dimensions", "statements", "answers", "proposals"):
        through = getattr(StrategicObjective, relation).through
        column = {
            "dimensions": "spiraldimension_id",
            "statements": "statement_id",
            "answers": "answer_id",
            "proposals": "groupproposal_id",
        }[relation]
        rows = through.objects.filter(strategicobjective_id__in=ids).values_list(
            "strategicobjective_id", column
        )
        parts.append(f"{relation}:{sorted(rows)}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


@transaction.atomic
def request_pdf(*, version: StrategyVersion, user) -> GeneratedFile:
    """The PDF of the version as its evidence stands now: the one already asked for or made with
    the same evidence in the same language, or a new one queued for the worker."""
    from strategy.tasks import render_strategy_pdf

    strategy = version.strategy
    language = translation.get_language() or "ro"
    fingerprint = evidence_fingerprint(version)
    existing = (
        GeneratedFile.objects.filter(
            municipality_id=strategy.municipality_id,
            kind=KIND,
            params__version=version.pk,
            language=language,
        )
        .exclude(state=GeneratedFile.State.FAILED)
        .order_by("-created_at")
        .first()
    )
    if (
        existing is not None
        and existing.params.get("fingerprint") == fingerprint
        and not is_expired(existing)
    ):
        return existing
    return create_generated_file(
        municipality=strategy.municipality,
        kind=KIND,
        params={"strategy": strategy.pk, "version": version.pk, "fingerprint": fingerprint},
        user=user,
        task=render_strategy_pdf,
        language=language,
    )


def build(file) -> tuple[bytes, str, str]:
    """Make the PDF a GeneratedFile asks for: (content, filename, content type)."""
    version = StrategyVersion.objects.select_related("strategy__municipality").get(
        pk=file.params["version"], strategy__municipality_id=file.municipality_id
    )
    set_progress(file, 20)
    content = strategy_pdf(version)
    set_progress(file, 90)
    return content, filename(version), PDF_TYPE
