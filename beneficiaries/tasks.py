"""Background work of the SPIRAL stage; tasks take ids, never model instances."""

from celery import shared_task

from beneficiaries.models import CodingModelRecord, CodingRound, Statement


def coded_corpus(municipality_id: int) -> tuple[list[str], list[list[str]]]:
    texts, labels = [], []
    rows = (
        Statement.objects.filter(municipality_id=municipality_id, codes__round=CodingRound.PRIMARY)
        .values_list("pk", "text", "codes__dimension__code")
        .order_by("pk")
    )
    current = None
    for pk, text, code in rows:
        if pk != current:
            texts.append(text)
            labels.append([])
            current = pk
        labels[-1].append(code)
    return texts, labels


@shared_task(acks_late=True)
def train_coding_model(municipality_id: int) -> int | None:
    """Learn coding suggestions from the municipality's coded statements; store the accuracy."""
    from beneficiaries.suggest import CodingModel, NotEnoughData, evaluate

    texts, labels = coded_corpus(municipality_id)
    try:
        evaluation = evaluate(texts, labels)
        model = CodingModel.train(texts, labels)
    except NotEnoughData:
        return None
    record = CodingModelRecord.objects.create(
        municipality_id=municipality_id,
        trained_on=len(texts),
        test_count=evaluation.test_count,
        top1_accuracy=evaluation.top1_accuracy,
        top3_accuracy=evaluation.top3_accuracy,
        blob=model.to_bytes(),
    )
    return record.pk
