"""The coding queue: statements with their codes and suggestions, built in a constant number of
queries per page."""

from functools import lru_cache

from django.db.models import Exists, OuterRef, Prefetch

from beneficiaries.models import (
    CodingModelRecord,
    CodingRound,
    SpiralDimension,
    Statement,
    StatementCode,
)


@lru_cache(maxsize=8)
def _load_model(record_id: int, blob: bytes):
    from beneficiaries.suggest import CodingModel

    return CodingModel.from_bytes(blob)


def latest_model(municipality):
    """The newest suggestion model of the municipality (unpickled once per process)."""
    record = (
        CodingModelRecord.objects.filter(municipality=municipality).order_by("-created").first()
    )
    if record is None:
        return None, None
    return record, _load_model(record.pk, bytes(record.blob))


def queue(municipality, *, session=None, question="", uncoded=False):
    primary = StatementCode.objects.filter(round=CodingRound.PRIMARY).select_related("dimension")
    statements = (
        Statement.objects.filter(municipality=municipality)
        .select_related("session__category", "session__cycle")
        .prefetch_related(Prefetch("codes", queryset=primary, to_attr="primary_codes"))
        .order_by("session__date", "session_id", "question", "pk")
    )
    if session:
        statements = statements.filter(session_id=session)
    if question:
        statements = statements.filter(question=question)
    if uncoded:
        statements = statements.filter(
            ~Exists(
                StatementCode.objects.filter(statement=OuterRef("pk"), round=CodingRound.PRIMARY)
            )
        )
    return statements


def attach_suggestions(statements, model, dimensions_by_code, top=3) -> None:
    """Give each statement `suggestions`: (dimension, confidence %) not already coded."""
    for statement in statements:
        statement.suggestions = []
    if model is None or not statements:
        return
    results = model.suggest([s.text for s in statements], top=top + 2)
    for statement, suggestions in zip(statements, results, strict=True):
        coded = {code.dimension.code for code in statement.primary_codes}
        for suggestion in suggestions:
            dimension = dimensions_by_code.get(suggestion.code)
            if dimension and suggestion.code not in coded and len(statement.suggestions) < top:
                statement.suggestions.append((dimension, round(100 * suggestion.confidence)))


def dimensions_by_code() -> dict[str, SpiralDimension]:
    return {d.code: d for d in SpiralDimension.objects.select_related("family")}
