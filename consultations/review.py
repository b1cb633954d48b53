"""Staff review of a round's responses: queries, presentation of answers, tagging and export.

Only submitted responses are ever read here: a draft is the organisation's private working copy.
Every list is built with a fixed number of queries (answers, tags and attachments prefetched,
the labels of matrix answers resolved in bulk), so a round with 500 responses reads as fast as one
with five.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from beneficiaries.models import BeneficiaryCategory, SpiralDimension
from consultations.models import (
    Answer,
    ConsultationRound,
    QuestionKind,
    RoundQuestion,
    RoundResponse,
    SocialService,
    Theme,
)
from core.exceptions import DomainError

SCALE = range(1, 6)
CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


# --- Reference lists -------------------------------------------------------------------------


def dimension_groups() -> list[tuple[object, list[SpiralDimension]]]:
    """The SPIRAL dimensions grouped by family, in code order (one query)."""
    groups: dict = {}
    for dimension in SpiralDimension.objects.select_related("family").order_by(
        "family__code", "code"
    ):
        groups.setdefault(dimension.family, []).append(dimension)
    return list(groups.items())


def municipality_themes(municipality) -> list[Theme]:
    return list(Theme.objects.filter(municipality=municipality))


# --- Which responses ---------------------------------------------------------------------------


def submitted_responses(
    consultation: ConsultationRound,
    *,
    question: RoundQuestion | None = None,
    dimension=None,
    theme=None,
    untagged: bool = False,
):
    """Submitted responses, by organisation name, filtered by the tags of their answers.

    With a question, the filters look at the answer to that question; without one, at any answer.
    """
    responses = (
        RoundResponse.objects.submitted()
        .filter(round=consultation)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    answers = Answer.objects.filter(response=OuterRef("pk"))
    if question is not None:
        answers = answers.filter(question=question)
    if dimension is not None:
        responses = responses.filter(Exists(answers.filter(dimensions=dimension)))
    if theme is not None:
        responses = responses.filter(Exists(answers.filter(themes=theme)))
    if untagged:
        responses = responses.filter(
            Exists(answers.filter(dimensions__isnull=True, themes__isnull=True))
        )
    return responses


def with_answers(responses, *, question: RoundQuestion | None = None, attachments=True):
    """Prefetch the answers (to one question, or all), their tags and the attachments."""
    answers = Answer.objects.prefetch_related("dimensions", "themes")
    if question is not None:
        answers = answers.filter(question=question)
    responses = responses.prefetch_related(
        Prefetch("answers", queryset=answers, to_attr="review_answers")
    )
    return responses.prefetch_related("attachments") if attachments else responses


# --- How an answer reads -----------------------------------------------------------------------


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@dataclass
class MatrixLabels:
    """Names of the services and beneficiary categories that matrix answers refer to by id."""

    services: dict[int, str] = field(default_factory=dict)
    categories: dict[int, str] = field(default_factory=dict)

    def service(self, key) -> str:
        pk = _int_or_none(key)
        return self.services.get(pk) or _("service #%(id)s") % {"id": key}

    def category(self, key) -> str:
        pk = _int_or_none(key)
        return self.categories.get(pk) or _("category #%(id)s") % {"id": key}


def _matrix_cells(value) -> dict:
    """The matrix {service: {category: number}}, or {} when the stored value has another shape."""
    if not isinstance(value, dict):
        return {}
    return {key: row for key, row in value.items() if isinstance(row, dict)}


def matrix_labels(municipality, answers) -> MatrixLabels:
    """Resolve every service and category id named in the matrix answers (two queries at most)."""
    service_ids, category_ids = set(), set()
    for answer in answers:
        if answer.question.kind != QuestionKind.MATRIX:
            continue
        for service, row in _matrix_cells(answer.value).items():
            service_ids.add(_int_or_none(service))
            category_ids.update(_int_or_none(category) for category in row)
    service_ids.discard(None)
    category_ids.discard(None)
    labels = MatrixLabels()
    if service_ids:
        labels.services = dict(
            SocialService.objects.filter(municipality=municipality, pk__in=service_ids).values_list(
                "pk", "name"
            )
        )
    if category_ids:
        labels.categories = dict(
            BeneficiaryCategory.objects.filter(
                municipality=municipality, pk__in=category_ids
            ).values_list("pk", "name")
        )
    return labels


@dataclass
class MatrixTable:
    columns: list[str]
    rows: list[tuple[str, list]]


@dataclass
class ShownAnswer:
    """What the review shows of an answer, already resolved for the template."""

    kind: str
    text: str = ""
    options: list[str] = field(default_factory=list)
    scale: int | None = None
    matrix: MatrixTable | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.text or self.options or self.scale is not None or self.matrix)


def _options(value) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if v not in (None, "")]
    if value in (None, ""):
        return []
    return [str(value)]


def _scale(value) -> int | None:
    number = _int_or_none(value)
    return number if number in SCALE else None


def _matrix(value, labels: MatrixLabels) -> MatrixTable | None:
    cells = _matrix_cells(value)
    if not cells:
        return None
    category_keys = sorted(
        {str(category) for row in cells.values() for category in row}, key=labels.category
    )
    rows = []
    for service in sorted(cells, key=labels.service):
        row = {str(k): v for k, v in cells[service].items()}
        rows.append((labels.service(service), [row.get(key) for key in category_keys]))
    return MatrixTable([labels.category(key) for key in category_keys], rows)


def show_answer(answer: Answer, labels: MatrixLabels) -> ShownAnswer:
    kind = answer.question.kind
    shown = ShownAnswer(kind=kind, text=answer.text.strip())
    if kind == QuestionKind.SINGLE or kind == QuestionKind.MULTIPLE:
        shown.options = _options(answer.value)
    elif kind == QuestionKind.SCALE:
        shown.scale = _scale(answer.value)
    elif kind == QuestionKind.MATRIX:
        shown.matrix = _matrix(answer.value, labels)
    return shown


def flatten(shown: ShownAnswer) -> str:
    """One line of text for a table cell or a spreadsheet cell."""
    parts = []
    if shown.options:
        parts.append("; ".join(shown.options))
    if shown.scale is not None:
        parts.append(str(shown.scale))
    if shown.matrix:
        parts.append(
            "; ".join(
                f"{service} – {category}: {value}"
                for service, values in shown.matrix.rows
                for category, value in zip(shown.matrix.columns, values, strict=True)
                if value not in (None, "")
            )
        )
    if shown.text:
        parts.append(shown.text)
    return "\n".join(part for part in parts if part)


def prepare_answer(answer: Answer, labels: MatrixLabels) -> Answer:
    """Attach what the card needs: the shown answer and the ids of its tags (for the selects)."""
    answer.shown = show_answer(answer, labels)
    answer.tag_dimensions = list(answer.dimensions.all())
    answer.tag_themes = list(answer.themes.all())
    answer.dimension_ids = {d.pk for d in answer.tag_dimensions}
    answer.theme_ids = {t.pk for t in answer.tag_themes}
    return answer


def prepare_cards(consultation, responses: list, question: RoundQuestion) -> None:
    """Give each response its answer to `question` (or None), ready to show, without queries."""
    answers = []
    for response in responses:
        response.answer = response.review_answers[0] if response.review_answers else None
        if response.answer is not None:
            response.answer.question = question
            answers.append(response.answer)
    labels = matrix_labels(consultation.municipality, answers)
    for answer in answers:
        prepare_answer(answer, labels)


def table_rows(consultation, responses: list, questions: list) -> list[tuple]:
    """(response, [text of the answer to each question]) for the all-questions table."""
    by_pk = {question.pk: question for question in questions}
    answers = [a for response in responses for a in response.review_answers]
    for answer in answers:
        answer.question = by_pk[answer.question_id]
    labels = matrix_labels(consultation.municipality, answers)
    rows = []
    for response in responses:
        texts = {a.question_id: flatten(show_answer(a, labels)) for a in response.review_answers}
        rows.append((response, [texts.get(question.pk, "") for question in questions]))
    return rows


# --- Summary of a choice or scale question ---------------------------------------------------


@dataclass
class SummaryRow:
    label: str
    count: int
    percent: int


@dataclass
class Summary:
    kind: str
    respondents: int
    rows: list[SummaryRow]
    mean: float | None = None


def question_summary(question: RoundQuestion) -> Summary | None:
    """Counts per option (choices) or the distribution 1–5 and the mean (scale), one query.

    The percentages are of the organisations that answered the question; with a multiple
    choice they add up to more than 100.
    """
    if question.kind not in (*CHOICE_KINDS, QuestionKind.SCALE):
        return None
    values = Answer.objects.filter(
        question=question, response__submitted_at__isnull=False
    ).values_list("value", flat=True)
    counts: Counter = Counter()
    respondents = 0
    scale_values = []
    for value in values:
        if question.kind == QuestionKind.SCALE:
            number = _scale(value)
            if number is None:
                continue
            scale_values.append(number)
            counts[number] += 1
        else:
            options = set(_options(value))
            if not options:
                continue
            counts.update(options)
        respondents += 1

    def row(label, count):
        return SummaryRow(str(label), count, round(100 * count / respondents) if respondents else 0)

    if question.kind == QuestionKind.SCALE:
        rows = [row(number, counts[number]) for number in SCALE]
        mean = round(sum(scale_values) / len(scale_values), 2) if scale_values else None
        return Summary(question.kind, respondents, rows, mean)
    rows = [row(option, counts.pop(option, 0)) for option in question.choices]
    # Options no longer offered (the question was edited after some answered) still count.
    rows += [row(option, count) for option, count in sorted(counts.items())]
    return Summary(question.kind, respondents, rows)


# --- Tagging -------------------------------------------------------------------------------


def _theme_named(municipality_id: int, name: str, user) -> Theme:
    """The municipality's theme of that name (case aside), created if there is none."""
    theme = Theme.objects.filter(municipality_id=municipality_id, name__iexact=name).first()
    if theme is not None:
        return theme
    theme = Theme(municipality_id=municipality_id, name=name)
    theme._history_user = user
    try:
        with transaction.atomic():
            theme.save()
    except IntegrityError:  # created at the same moment by someone else
        theme = Theme.objects.get(municipality_id=municipality_id, name=name)
    return theme


@transaction.atomic
def tag_answer(*, answer: Answer, dimensions, themes, new_theme_name: str = "", user) -> Answer:
    """Set an answer's SPIRAL dimensions and themes; a new theme name creates the theme.

    The answer keeps one history record per tagging, with its dimensions and themes.
    """
    municipality_id = answer.response.round.municipality_id
    themes = list(themes)
    if any(theme.municipality_id != municipality_id for theme in themes):
        raise DomainError(_("A theme belongs to another municipality."))
    name = " ".join((new_theme_name or "").split())
    if name:
        theme = _theme_named(municipality_id, name, user)
        if theme not in themes:
            themes.append(theme)
    answer.skip_history_when_saving = True
    try:
        answer.dimensions.set(dimensions)
        answer.themes.set(themes)
    finally:
        del answer.skip_history_when_saving
    answer._history_user = user
    answer.save()  # one history record, with the new tags
    return answer


def answer_for_review(consultation, answer_pk: int) -> Answer:
    """An answer of a submitted response of this round, with what its card shows (or 404)."""
    return get_object_or_404(
        Answer.objects.select_related("question", "response__organisation", "response__round")
        .prefetch_related("dimensions", "themes", "response__attachments")
        .filter(response__round=consultation, response__submitted_at__isnull=False),
        pk=answer_pk,
    )


# --- Themes --------------------------------------------------------------------------------


def themes_with_counts(municipality):
    return Theme.objects.filter(municipality=municipality).annotate(
        answer_count=Count(
            "answers", filter=Q(answers__response__submitted_at__isnull=False), distinct=True
        ),
        group_count=Count("working_groups", distinct=True),
    )


def _duplicate_theme() -> DomainError:
    [constraint] = [c for c in Theme._meta.constraints if c.name == "theme_unique_name"]
    return DomainError(constraint.violation_error_message, code="unique")


@transaction.atomic
def save_theme(*, theme: Theme, name: str, user) -> Theme:
    """Create or rename a theme; a duplicate name is a domain error, never a 500."""
    theme.name = " ".join(name.split())
    theme._history_user = user
    try:
        with transaction.atomic():
            theme.save()
    except IntegrityError as error:
        raise _duplicate_theme() from error
    return theme


# --- Export --------------------------------------------------------------------------------


def export_sheets(consultation: ConsultationRound) -> list[tuple[str, list, list]]:
    """The three sheets of the round's export: responses, tags and participation."""
    questions = list(consultation.questions.all())
    by_pk = {question.pk: question for question in questions}
    responses = list(
        with_answers(
            RoundResponse.objects.submitted()
            .filter(round=consultation)
            .select_related("organisation")
            .order_by("organisation__name", "pk"),
            attachments=False,
        )
    )
    answers = [a for response in responses for a in response.review_answers]
    for answer in answers:
        answer.question = by_pk[answer.question_id]
    labels = matrix_labels(consultation.municipality, answers)

    answer_rows, tag_rows = [], []
    for response in responses:
        texts = {}
        for answer in response.review_answers:
            texts[answer.question_id] = flatten(show_answer(answer, labels))
            tag_rows.append(
                (
                    answer.question.position,
                    answer.question.pk,
                    [
                        answer.question.text,
                        response.organisation.name,
                        "; ".join(str(d) for d in answer.dimensions.all()),
                        "; ".join(t.name for t in answer.themes.all()),
                    ],
                )
            )
        answer_rows.append(
            [
                response.organisation.name,
                response.organisation.get_kind_display(),
                response.submitted_at,
            ]
            + [texts.get(question.pk, "") for question in questions]
        )
    tag_rows.sort(key=lambda row: (row[0], row[1]))  # by question; stable: organisations stay

    participation = []
    all_responses = {
        r.organisation_id: r
        for r in RoundResponse.objects.filter(round=consultation).only(
            "organisation_id", "submitted_at"
        )
    }
    organisations = {o.pk: o for o in consultation.invited.all()}
    organisations.update(
        (r.organisation.pk, r.organisation)
        for r in responses
        if r.organisation_id not in organisations
    )
    for organisation in sorted(organisations.values(), key=lambda o: (o.name, o.pk)):
        response = all_responses.get(organisation.pk)
        if response is None:
            status = _("not started")
        elif response.submitted_at is None:
            status = _("draft")
        else:
            status = _("submitted")
        participation.append(
            [organisation.name, status, response.submitted_at if response else None]
        )

    return [
        (
            _("Responses"),
            [_("Organisation"), _("Legal form"), _("Submitted")] + [q.text for q in questions],
            answer_rows,
        ),
        (
            _("Tags"),
            [_("Question"), _("Organisation"), _("SPIRAL dimensions"), _("Themes")],
            [row for _position, _pk, row in tag_rows],
        ),
        (_("Participation"), [_("Organisation"), _("Status"), _("Submitted")], participation),
    ]
