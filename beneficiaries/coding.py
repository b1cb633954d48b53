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
def _load_model(record_id: int, created):
    """Read and unpickle a stored model once per process (the blob is megabytes)."""
    from beneficiaries.suggest import CodingModel, IncompatibleModel

    blob = CodingModelRecord.objects.filter(pk=record_id).values_list("blob", flat=True).first()
    if blob is None:
        return None
    try:
        return CodingModel.from_bytes(bytes(blob))
    except IncompatibleModel:
        return None  # trained under another scikit-learn: no suggestions until retrained


def latest_model(municipality):
    """The newest suggestion model of the municipality and its figures (blob not read here)."""
    record = (
        CodingModelRecord.objects.filter(municipality=municipality)
        .defer("blob")
        .order_by("-created")
        .first()
    )
    if record is None:
        return None, None
    return record, _load_model(record.pk, record.created)


def queue(municipality, *, session=None, question="", uncoded=False, round=CodingRound.PRIMARY):
    """Statements with their codes of one round (`primary_codes`, whatever the round)."""
    primary = StatementCode.objects.filter(round=round).select_related("dimension")
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
            ~Exists(StatementCode.objects.filter(statement=OuterRef("pk"), round=round))
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


def agreement(municipality) -> dict:
    """Cohen's kappa per SPIRAL family over the statements coded in both rounds."""
    from beneficiaries.suggest import cohen_kappa_per_family

    codes: dict[int, dict[str, set[str]]] = {}
    rows = (
        StatementCode.objects.filter(statement__municipality=municipality)
        .filter(
            Exists(
                StatementCode.objects.filter(
                    statement=OuterRef("statement"), round=CodingRound.SECOND
                )
            )
        )
        .values_list("statement_id", "round", "dimension__code")
    )
    for statement_id, round_, code in rows:
        codes.setdefault(statement_id, {}).setdefault(round_, set()).add(code)
    pairs = [
        (rounds[CodingRound.PRIMARY], rounds[CodingRound.SECOND])
        for rounds in codes.values()
        if CodingRound.PRIMARY in rounds and CodingRound.SECOND in rounds
    ]
    kappas = cohen_kappa_per_family(pairs) if pairs else {}
    return {"statements": len(pairs), "kappas": sorted(kappas.items())}
