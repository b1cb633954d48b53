"""Background work of the action plans; tasks take ids, never model instances.

The vote notification lives next to the vote it announces (actionplans.voting);
importing it here is how the worker's autodiscovery registers it.
"""

from celery import shared_task

from actionplans.notifications import notify_decision_submitted  # noqa: F401
from actionplans.publication import render_public_file  # noqa: F401
from actionplans.voting import notify_vote  # noqa: F401
from core.generated import run_file_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def render_plan_pdf(file_id: str) -> str | None:
    """Make the plan's PDF a GeneratedFile row asks for; idempotent."""
    from actionplans.export import build_pdf

    return run_file_task(file_id, build_pdf)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def render_dossier(file_id: str) -> str | None:
    """Make the council dossier a GeneratedFile row asks for; idempotent (a redelivery after a
    worker was lost fills the same row)."""
    from actionplans.dossier import build

    return run_file_task(file_id, build)
