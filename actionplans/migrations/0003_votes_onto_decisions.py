"""Every plan that went to the council gets its draft decision, and its votes move onto it."""

from django.db import migrations


def forwards(apps, schema_editor):
    ActionPlan = apps.get_model("actionplans", "ActionPlan")
    DraftDecision = apps.get_model("actionplans", "DraftDecision")
    CouncilVote = apps.get_model("actionplans", "CouncilVote")
    HistoricalCouncilVote = apps.get_model("actionplans", "HistoricalCouncilVote")
    status_of = {"approved": "adopted", "submitted": "submitted", "draft": "draft"}
    voted = set(CouncilVote.objects.values_list("plan_id", flat=True))
    for plan in ActionPlan.objects.filter(pk__in=voted) | ActionPlan.objects.exclude(
        status="draft"
    ):
        decision = DraftDecision.objects.create(
            municipality_id=plan.municipality_id,
            cycle_id=plan.cycle_id,
            kind="plan",
            plan_id=plan.pk,
            status=status_of.get(plan.status, "draft"),
            initiator="",
            title=(
                "privind aprobarea Planului anual de acțiune privind serviciile sociale "
                f"pentru anul {plan.year}"
            ),
            preamble="",
            legal_basis="",
            articles="",
            referat_text="",
            raport_text="",
            submitted_at=plan.submitted_at,
            created_by_id=plan.created_by_id,
        )
        CouncilVote.objects.filter(plan_id=plan.pk).update(decision_id=decision.pk)
        HistoricalCouncilVote.objects.filter(plan_id=plan.pk).update(decision_id=decision.pk)


def backwards(apps, schema_editor):
    CouncilVote = apps.get_model("actionplans", "CouncilVote")
    HistoricalCouncilVote = apps.get_model("actionplans", "HistoricalCouncilVote")
    DraftDecision = apps.get_model("actionplans", "DraftDecision")
    for decision in DraftDecision.objects.all():
        CouncilVote.objects.filter(decision_id=decision.pk).update(plan_id=decision.plan_id)
        HistoricalCouncilVote.objects.filter(decision_id=decision.pk).update(
            plan_id=decision.plan_id
        )


class Migration(migrations.Migration):
    dependencies = [("actionplans", "0002_draft_decisions")]

    operations = [migrations.RunPython(forwards, backwards)]
