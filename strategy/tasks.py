"""Background work of the strategy stage; tasks take ids, never model instances."""

from celery import shared_task

from core.generated import run_file_task

# Registers the clean-up of expired files with the worker too (autodiscovery finds only the
# `tasks` modules of the apps; the beat entry names core.tasks_files.delete_expired_files).
from core.tasks_files import delete_expired_files  # noqa: F401


@shared_task(acks_late=True, reject_on_worker_lost=True)
def render_consultation_report(file_id: str) -> str | None:
    """Make the consultation report (PDF or XLSX) a GeneratedFile row asks for; idempotent."""
    from strategy.report import build

    return run_file_task(file_id, build)
