"""Writes of the SPIRAL stage: each owns its transaction and its audit trail."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries import reference_data
from beneficiaries.models import BeneficiaryCategory, Question, SpiralSession, Statement
from beneficiaries.textguard import find_personal_data, normalise_romanian, redact
from core.exceptions import DomainError

MAX_STATEMENT_LENGTH = 1000


@dataclass
class FlaggedLine:
    number: int
    text: str
    description: str


class PersonalDataSuspected(DomainError):
    """Some lines look like personal data: they must be redacted or confirmed first."""

    def __init__(self, flagged: list[FlaggedLine]):
        self.flagged = flagged
        super().__init__(
            _("%(n)d line(s) look like personal data: redact them or confirm they are not.")
            % {"n": len(flagged)}
        )


def ensure_default_categories(municipality) -> None:
    """Give a municipality the standard beneficiary categories the first time it needs them."""
    if BeneficiaryCategory.objects.filter(municipality=municipality).exists():
        return
    BeneficiaryCategory.objects.bulk_create(
        [
            BeneficiaryCategory(municipality=municipality, key=item["key"], name=item["name_ro"])
            for item in reference_data.CATEGORIES
        ],
        ignore_conflicts=True,
    )


def split_statements(raw: str) -> list[tuple[int, str]]:
    """One statement per non-empty line, numbered as typed; bullets and numbering removed."""
    lines = []
    for number, line in enumerate(raw.splitlines(), start=1):
        text = normalise_romanian(line).lstrip("-•*–· ").strip()
        if text:
            lines.append((number, text))
    return lines


def check_statement_texts(lines, *, resolution: str) -> list[tuple[str, bool]]:
    """Apply the personal-data guard; returns (text, confirmed) pairs ready to save."""
    too_long = [n for n, text in lines if len(text) > MAX_STATEMENT_LENGTH]
    if too_long:
        raise DomainError(
            _("Line(s) %(lines)s are longer than %(max)d characters: split them.")
            % {"lines": ", ".join(map(str, too_long)), "max": MAX_STATEMENT_LENGTH}
        )
    from beneficiaries.textguard import describe

    ready, flagged = [], []
    for number, text in lines:
        findings = find_personal_data(text)
        if not findings:
            ready.append((text, False))
        elif resolution == "redact":
            ready.append((redact(text, findings), False))
        elif resolution == "confirm":
            ready.append((text, True))
        else:
            flagged.append(FlaggedLine(number, text, describe(findings)))
    if flagged:
        raise PersonalDataSuspected(flagged)
    return ready


@transaction.atomic
def add_statements(
    *, session: SpiralSession, user, question: str, raw: str, resolution: str = ""
) -> list[Statement]:
    """Save many statements typed or pasted at once; nothing is saved if one line is refused."""
    if session.is_closed:
        raise DomainError(_("The session is closed: its statements can no longer change."))
    if not session.consent_recorded:
        raise DomainError(_("Record the participants' consent before entering statements."))
    if question not in Question.values:
        raise DomainError(_("Choose the question the statements answer."))
    lines = split_statements(raw)
    if not lines:
        raise DomainError(_("Type at least one statement (one per line)."))
    ready = check_statement_texts(lines, resolution=resolution)
    statements = []
    for text, confirmed in ready:
        statement = Statement(
            municipality_id=session.municipality_id,
            session=session,
            question=question,
            text=text,
            personal_data_confirmed=confirmed,
            created_by=user,
        )
        statement._history_user = user
        statement.save()
        statements.append(statement)
    return statements


@transaction.atomic
def update_statement(*, statement: Statement, user, text: str, resolution: str = "") -> Statement:
    if statement.session.is_closed:
        raise DomainError(_("The session is closed: its statements can no longer change."))
    lines = [(1, normalise_romanian(text))]
    if not lines[0][1]:
        raise DomainError(_("A statement cannot be empty; delete it instead."))
    [(clean, confirmed)] = check_statement_texts(lines, resolution=resolution)
    statement.text = clean
    statement.personal_data_confirmed = confirmed
    statement._history_user = user
    statement.save(update_fields=["text", "personal_data_confirmed"])
    return statement


@transaction.atomic
def delete_statement(*, statement: Statement, user) -> None:
    if statement.session.is_closed:
        raise DomainError(_("The session is closed: its statements can no longer change."))
    statement._history_user = user
    statement.delete()


@transaction.atomic
def close_session(*, session: SpiralSession, user) -> SpiralSession:
    if session.is_closed:
        raise DomainError(_("The session is already closed."))
    if not session.statements.exists():
        raise DomainError(_("A session without statements cannot be closed."))
    session.closed_at = timezone.now()
    session._history_user = user
    session.save(update_fields=["closed_at"])
    return session


IMPORT_COLUMNS = {
    "question": ("intrebare", "intrebarea", "question"),
    "text": ("afirmatie", "afirmatia", "criteriu", "text", "statement"),
}
QUESTION_ALIASES = {
    Question.WELLBEING: ("1", "wellbeing", "bine", "stare de bine", "starea de bine", "bunastare"),
    Question.ILLBEING: ("2", "illbeing", "rau", "stare de rau", "starea de rau", "malestar"),
    Question.WHAT_I_DO: ("3", "what_i_do", "ce fac eu", "ce pot face", "ce fac"),
    Question.TOGETHER: ("4", "together", "impreuna", "ce putem face impreuna", "ce facem impreuna"),
}
_QUESTION_LOOKUP = {alias: key for key, aliases in QUESTION_ALIASES.items() for alias in aliases}


@dataclass
class RowError:
    row: int
    column: str
    message: str


class ImportFailed(DomainError):
    """The file was refused; `errors` name each row and column at fault. Nothing was written."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(_("The file was not imported: %(n)d error(s).") % {"n": len(errors)})


def _question_key(value: str) -> str | None:
    from beneficiaries.tabular import header_key

    return _QUESTION_LOOKUP.get(header_key(value).rstrip("?"))


@transaction.atomic
def import_statements(
    *, session: SpiralSession, user, filename: str, data: bytes, resolution: str = ""
) -> int:
    """Import statements from an XLSX/CSV file in one transaction; any error writes nothing."""
    from beneficiaries.tabular import TableError, read_table
    from beneficiaries.textguard import describe

    if session.is_closed:
        raise DomainError(_("The session is closed: its statements can no longer change."))
    if not session.consent_recorded:
        raise DomainError(_("Record the participants' consent before entering statements."))
    try:
        rows = read_table(filename, data, IMPORT_COLUMNS, required={"question", "text"})
    except TableError as error:
        raise ImportFailed([RowError(0, "", error.message)]) from error
    errors, ready = [], []
    for row in rows:
        question = _question_key(row.values["question"])
        text = row.values["text"]
        if question is None:
            errors.append(
                RowError(
                    row.number,
                    _("question"),
                    _("“%(value)s” is not a SPIRAL question (write 1, 2, 3 or 4).")
                    % {"value": row.values["question"]},
                )
            )
        if not text:
            errors.append(RowError(row.number, _("statement"), _("The statement is empty.")))
            continue
        if len(text) > MAX_STATEMENT_LENGTH:
            errors.append(
                RowError(
                    row.number,
                    _("statement"),
                    _("Longer than %(max)d characters.") % {"max": MAX_STATEMENT_LENGTH},
                )
            )
            continue
        findings = find_personal_data(text)
        confirmed = False
        if findings and resolution == "redact":
            text = redact(text, findings)
        elif findings and resolution == "confirm":
            confirmed = True
        elif findings:
            errors.append(RowError(row.number, _("statement"), describe(findings)))
        ready.append((question, text, confirmed))
    if not rows:
        errors.append(RowError(0, "", _("The file holds no statement.")))
    if errors:
        raise ImportFailed(errors)
    Statement.objects.bulk_create(
        [
            Statement(
                municipality_id=session.municipality_id,
                session=session,
                question=question,
                text=text,
                personal_data_confirmed=confirmed,
                created_by=user,
            )
            for question, text, confirmed in ready
        ],
        batch_size=2000,
    )
    return len(ready)


@transaction.atomic
def add_code(*, statement: Statement, dimension, user, round: str = "primary", suggested=False):
    """Code a statement into a dimension (idempotent); a closed analysis does not block coding."""
    from beneficiaries.models import StatementCode

    code, created = StatementCode.objects.get_or_create(
        statement=statement,
        dimension=dimension,
        round=round,
        defaults={"coder": user, "suggested": suggested},
    )
    return code


@transaction.atomic
def remove_code(*, statement: Statement, dimension, user, round: str = "primary") -> None:
    from beneficiaries.models import StatementCode

    for code in StatementCode.objects.filter(statement=statement, dimension=dimension, round=round):
        code._history_user = user
        code.delete()


@transaction.atomic
def publish_analysis(*, cycle, user, level: str = "detailed"):
    """Freeze the map of needs as the public sees it at the chosen level of detail: small cells
    hidden, numbered version."""
    from beneficiaries.analysis import build_analysis, publishable
    from beneficiaries.models import MapLevel, NeedsAnalysis

    if level not in MapLevel.values:
        raise DomainError(_("Choose a level of detail for the published map."))
    data = build_analysis(cycle)
    if not data["coded"]:
        raise DomainError(_("Code some statements before publishing the map of needs."))
    last = NeedsAnalysis.objects.filter(cycle=cycle).order_by("-number").first()
    return NeedsAnalysis.objects.create(
        municipality_id=cycle.municipality_id,
        cycle=cycle,
        number=(last.number + 1) if last else 1,
        level=level,
        data=publishable(data, level),
        published_by=user,
    )
