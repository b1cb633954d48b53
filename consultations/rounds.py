"""Writes of the consultation rounds: staff set up rounds and questions, providers respond.

Each verb owns its transaction and its history (``_history_user``); a refused action raises a
``DomainError`` with a message for the person, and writes nothing.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import TextChoices
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations.attachments import MAX_ATTACHMENTS_PER_RESPONSE, check_upload
from consultations.models import (
    Answer,
    Attachment,
    ConsultationRound,
    QuestionKind,
    RoundQuestion,
    RoundResponse,
    SocialService,
)
from consultations.tasks import send_response_receipt
from core.exceptions import DomainError
from core.text import quoted

CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
SCALE_VALUES = range(1, 6)
MAX_TEXT_ANSWER = 10_000
MAX_MATRIX_CELL = 1_000_000
ROUND_FIELDS = ("cycle", "title", "introduction", "opens_at", "closes_at", "published")


class RoundState(TextChoices):
    DRAFT = "draft", gettext_lazy("draft (not published)")
    SCHEDULED = "scheduled", gettext_lazy("not yet open")
    OPEN = "open", gettext_lazy("open")
    CLOSED = "closed", gettext_lazy("closed")


class ResponseState(TextChoices):
    NOT_STARTED = "not_started", gettext_lazy("not started")
    DRAFT = "draft", gettext_lazy("draft")
    SUBMITTED = "submitted", gettext_lazy("submitted")


class MissingAnswers(DomainError):
    """Required questions left blank on submission; ``questions`` says which."""

    def __init__(self, questions):
        self.questions = list(questions)
        super().__init__(
            _("Answer the required questions before submitting: %(questions)s.")
            % {"questions": "; ".join(quoted(q.text) for q in self.questions)}
        )


# --- Time and state ----------------------------------------------------------------------------


def local(moment: datetime.datetime) -> str:
    """A moment as people in the municipality read it, e.g. “3 December 2026, 17:00”."""
    return date_filter(timezone.localtime(moment), "j F Y, H:i")


def round_state(consultation: ConsultationRound, now=None) -> RoundState:
    now = now or timezone.now()
    if not consultation.published:
        return RoundState.DRAFT
    if now < consultation.opens_at:
        return RoundState.SCHEDULED
    if now < consultation.closes_at:
        return RoundState.OPEN
    return RoundState.CLOSED


def response_state(response: RoundResponse | None) -> ResponseState:
    if response is None:
        return ResponseState.NOT_STARTED
    return ResponseState.SUBMITTED if response.is_submitted else ResponseState.DRAFT


def response_rate(invited: int, submitted: int) -> int | None:
    return round(100 * submitted / invited) if invited else None


def blocked_message(consultation: ConsultationRound, now=None) -> str:
    """Why the round takes no answers now (empty while it is open)."""
    state = round_state(consultation, now)
    if state == RoundState.SCHEDULED:
        return _(
            "This consultation opens on %(opens)s; you can answer it from then until %(closes)s."
        ) % {"opens": local(consultation.opens_at), "closes": local(consultation.closes_at)}
    if state == RoundState.CLOSED:
        return _("This consultation closed on %(closes)s; responses can no longer be changed.") % {
            "closes": local(consultation.closes_at)
        }
    if state == RoundState.DRAFT:
        return _("This consultation is not published.")
    return ""


def matrix_axes(consultation: ConsultationRound, organisation):
    """Rows and columns of a matrix question: the organisation's approved services in the guide
    and the municipality's beneficiary categories consulted in this strategy."""
    from beneficiaries.models import BeneficiaryCategory

    services = list(
        SocialService.objects.approved()
        .filter(organisation=organisation, municipality_id=consultation.municipality_id)
        .order_by("name", "pk")
    )
    categories = list(
        BeneficiaryCategory.objects.filter(
            municipality_id=consultation.municipality_id, selected=True
        ).order_by("name", "pk")
    )
    return services, categories


def is_blank(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


# --- Rounds --------------------------------------------------------------------------------


def _raise_invalid(error: ValidationError):
    raise DomainError(error.message_dict if hasattr(error, "error_dict") else error.messages)


def _check_invited(municipality_id: int, invited) -> list:
    invited = list(invited)
    if any(o.municipality_id != municipality_id for o in invited):
        raise DomainError({"invited": [_("An invited organisation belongs to another place.")]})
    return invited


@transaction.atomic
def create_round(
    *,
    municipality,
    user,
    cycle,
    title: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    invited,
    introduction: str = "",
    published: bool = False,
) -> ConsultationRound:
    invited = _check_invited(municipality.pk, invited)
    consultation = ConsultationRound(
        municipality=municipality,
        cycle=cycle,
        title=title,
        introduction=introduction,
        opens_at=opens_at,
        closes_at=closes_at,
        published=published,
        created_by=user,
    )
    try:
        consultation.full_clean()
    except ValidationError as error:
        _raise_invalid(error)
    consultation._history_user = user
    consultation.save()
    consultation.invited.set(invited)
    return consultation


@transaction.atomic
def update_round(*, round: ConsultationRound, user, invited, **fields) -> ConsultationRound:
    """Change a round; organisations that already answered stay invited and the round stays
    published once someone answered, so no response is orphaned."""
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise TypeError(f"update_round() got unexpected fields {sorted(unknown)}")
    consultation = ConsultationRound.objects.select_for_update().get(pk=round.pk)
    invited = _check_invited(consultation.municipality_id, invited)
    responded = {
        r.organisation_id: r.organisation
        for r in RoundResponse.objects.filter(round=consultation).select_related("organisation")
    }
    dropped = sorted(
        (org.name for pk, org in responded.items() if pk not in {o.pk for o in invited}),
    )
    if dropped:
        raise DomainError(
            {
                "invited": [
                    _(
                        "These organisations have already started their response and must stay "
                        "invited: %(names)s."
                    )
                    % {"names": ", ".join(dropped)}
                ]
            }
        )
    if responded and consultation.published and fields.get("published") is False:
        raise DomainError(
            {"published": [_("Organisations have already answered; the round stays published.")]}
        )
    for name, value in fields.items():
        setattr(consultation, name, value)
    try:
        consultation.full_clean()
    except ValidationError as error:
        _raise_invalid(error)
    consultation._history_user = user
    consultation.save()
    consultation.invited.set(invited)
    return consultation


# --- Questions -----------------------------------------------------------------------------


def _normalise_choices(kind, choices) -> list[str]:
    if kind not in CHOICE_KINDS:
        return []
    return [c.strip() for c in choices or [] if c and c.strip()]


@transaction.atomic
def add_question(
    *,
    round: ConsultationRound,
    user,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = False,
    choices=(),
) -> RoundQuestion:
    consultation = ConsultationRound.objects.select_for_update().get(pk=round.pk)
    last = consultation.questions.order_by("-position").values_list("position", flat=True).first()
    question = RoundQuestion(
        round=consultation,
        position=0 if last is None else last + 1,
        kind=kind,
        text=text,
        help_text=help_text,
        required=required,
        choices=_normalise_choices(kind, choices),
    )
    try:
        question.full_clean()
    except ValidationError as error:
        _raise_invalid(error)
    question._history_user = user
    question.save()
    return question


@transaction.atomic
def update_question(
    *,
    question: RoundQuestion,
    user,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = False,
    choices=(),
) -> RoundQuestion:
    """Reword a question at any time; its type and options are locked once it has answers."""
    current = RoundQuestion.objects.select_for_update().get(pk=question.pk)
    choices = _normalise_choices(kind, choices)
    if current.answers.exists():
        if kind != current.kind:
            raise DomainError(
                {
                    "kind": [
                        _(
                            "This question already has answers, so its type can no longer "
                            "change. You can still correct its wording."
                        )
                    ]
                }
            )
        if choices != current.choices:
            raise DomainError(
                {
                    "choices": [
                        _(
                            "This question already has answers, so its options can no longer "
                            "change. You can still correct its wording."
                        )
                    ]
                }
            )
    current.kind, current.text, current.help_text = kind, text, help_text
    current.required, current.choices = required, choices
    try:
        current.full_clean()
    except ValidationError as error:
        _raise_invalid(error)
    current._history_user = user
    current.save()
    return current


@transaction.atomic
def delete_question(*, question: RoundQuestion, user) -> None:
    current = RoundQuestion.objects.select_for_update().get(pk=question.pk)
    if current.answers.exists():
        raise DomainError(
            _("The question “%(question)s” already has answers and cannot be deleted.")
            % {"question": current.text}
        )
    current._history_user = user
    current.delete()


@transaction.atomic
def move_question(*, question: RoundQuestion, user, direction: str) -> None:
    """Swap a question with its neighbour above ("up") or below ("down")."""
    siblings = list(
        RoundQuestion.objects.select_for_update()
        .filter(round_id=question.round_id)
        .order_by("position", "pk")
    )
    index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, item in enumerate(siblings):
        if item.position != position:
            item.position = position
            item._history_user = user
            item.save(update_fields=["position"])


# --- Responses -----------------------------------------------------------------------------


def _ensure_can_respond(consultation: ConsultationRound, organisation, now) -> None:
    if (
        organisation.municipality_id != consultation.municipality_id
        or not consultation.invited.filter(pk=organisation.pk).exists()
    ):
        raise DomainError(_("Your organisation is not invited to this consultation."))
    if not consultation.is_open(now):
        raise DomainError(blocked_message(consultation, now))


def _lock_response(consultation, organisation, user) -> RoundResponse:
    """The organisation's one response, created if needed and locked for this transaction;
    two members saving at once end up on the same row."""
    found = RoundResponse.objects.select_for_update().filter(
        round=consultation, organisation=organisation
    )
    response = found.first()
    if response is not None:
        return response
    try:
        with transaction.atomic():
            response = RoundResponse(round=consultation, organisation=organisation, updated_by=user)
            response._history_user = user
            response.save()
            return response
    except IntegrityError:
        return found.get()


def _invalid(question, message):
    return DomainError({f"q{question.pk}": [f"{quoted(question.text)}: {message}"]})


def clean_answer(question: RoundQuestion, value, services, categories):
    """The stored form of an answer, or ``None`` when blank; raises DomainError if invalid."""
    if is_blank(value):
        return None
    kind = question.kind
    if kind == QuestionKind.TEXT:
        text = str(value).strip()
        if len(text) > MAX_TEXT_ANSWER:
            raise _invalid(question, _("the answer is too long."))
        return text or None
    if kind == QuestionKind.SINGLE:
        if value not in question.choices:
            raise _invalid(question, _("choose one of the options."))
        return value
    if kind == QuestionKind.MULTIPLE:
        chosen = set(value) if isinstance(value, list | tuple | set) else {value}
        if not chosen <= set(question.choices):
            raise _invalid(question, _("choose among the options."))
        return [c for c in question.choices if c in chosen] or None
    if kind == QuestionKind.SCALE:
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number not in SCALE_VALUES:
            raise _invalid(question, _("choose a value from 1 to 5."))
        return number
    if kind == QuestionKind.MATRIX:
        if not isinstance(value, dict):
            raise _invalid(question, _("the table could not be read."))
        rows = {str(s.pk) for s in services}
        columns = {str(c.pk) for c in categories}
        matrix = {}
        for service_id, cells in value.items():
            if str(service_id) not in rows or not isinstance(cells, dict):
                raise _invalid(question, _("a row is not one of your services."))
            row = {}
            for category_id, number in cells.items():
                if str(category_id) not in columns:
                    raise _invalid(question, _("a column is not a beneficiary category."))
                if number is None or number == "":
                    continue
                if isinstance(number, bool) or not isinstance(number, int):
                    raise _invalid(question, _("each cell holds a whole number."))
                if not 0 <= number <= MAX_MATRIX_CELL:
                    raise _invalid(question, _("each number is between 0 and 1,000,000."))
                row[str(category_id)] = number
            if row:
                matrix[str(service_id)] = row
        return matrix or None
    raise _invalid(question, _("unknown type of question."))


@transaction.atomic
def save_response(
    *, round: ConsultationRound, organisation, user, answers: dict, submit: bool
) -> RoundResponse:
    """Save the organisation's answers as a draft, or submit them (required answers checked).

    ``answers`` maps a question id to its value (see ``Answer``). A submitted response can be
    amended and submitted again until the deadline, but not turned back into a draft.
    """
    now = timezone.now()
    consultation = ConsultationRound.objects.get(pk=round.pk)
    _ensure_can_respond(consultation, organisation, now)
    questions = list(consultation.questions.all())
    services, categories = matrix_axes(consultation, organisation)
    cleaned = {
        q.pk: clean_answer(q, answers.get(q.pk, answers.get(str(q.pk))), services, categories)
        for q in questions
    }
    if submit:
        missing = [
            q
            for q in questions
            if q.required
            and cleaned[q.pk] is None
            and not (q.kind == QuestionKind.MATRIX and not (services and categories))
        ]
        if missing:
            raise MissingAnswers(missing)
    response = _lock_response(consultation, organisation, user)
    if response.is_submitted and not submit:
        raise DomainError(
            _(
                "Your response is already submitted; to change it, submit it again "
                "(a submitted response cannot go back to a draft)."
            )
        )
    existing = {a.question_id: a for a in response.answers.all()}
    for question in questions:
        value = cleaned[question.pk]
        answer = existing.get(question.pk)
        if value is None:
            if answer is not None:
                answer._history_user = user
                answer.delete()
            continue
        is_text = question.kind == QuestionKind.TEXT
        text, stored = (value, None) if is_text else ("", value)
        if answer is None:
            answer = Answer(response=response, question=question)
        elif answer.text == text and answer.value == stored:
            continue
        answer.text, answer.value = text, stored
        answer._history_user = user
        answer.save()
    response.updated_by = user
    if submit:
        response.submitted_at = now
        response.submitted_by = user
    response._history_user = user
    response.save()
    if submit:
        response_id = response.pk
        transaction.on_commit(lambda: send_response_receipt.delay(response_id))
    return response


# --- Attachments ---------------------------------------------------------------------------


@transaction.atomic
def add_attachment(*, round: ConsultationRound, organisation, user, uploaded) -> Attachment:
    """Attach a checked document to the organisation's response (created as a draft if needed)."""
    try:
        checked = check_upload(uploaded)
    except ValidationError as error:
        raise DomainError(error.messages) from error
    consultation = ConsultationRound.objects.get(pk=round.pk)
    _ensure_can_respond(consultation, organisation, timezone.now())
    response = _lock_response(consultation, organisation, user)
    if response.attachments.count() >= MAX_ATTACHMENTS_PER_RESPONSE:
        raise DomainError(
            _("A response can have at most %(n)d attachments; delete one to add “%(name)s”.")
            % {"n": MAX_ATTACHMENTS_PER_RESPONSE, "name": checked.name}
        )
    attachment = Attachment(
        response=response,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=user,
    )
    uploaded.seek(0)
    attachment.file.save(checked.name, uploaded, save=False)
    try:
        attachment._history_user = user
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def delete_attachment(*, attachment: Attachment, organisation, user) -> None:
    current = (
        Attachment.objects.select_related("response__round")
        .select_for_update(of=("self",))
        .get(pk=attachment.pk)
    )
    if current.response.organisation_id != organisation.pk:
        raise DomainError(_("This attachment belongs to another organisation."))
    consultation = current.response.round
    if not consultation.is_open():
        raise DomainError(blocked_message(consultation))
    storage, name = current.file.storage, current.file.name
    current._history_user = user
    current.delete()
    transaction.on_commit(lambda: storage.delete(name))
