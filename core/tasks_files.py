"""Periodic clean-up of the stored-file pattern (Celery beat: ``delete-expired-files``)."""

from celery import shared_task

from core.generated import delete_expired


@shared_task(acks_late=True)
def delete_expired_files() -> int:
    """Remove generated files past their expiry, and their rows; returns how many went."""
    return delete_expired()
