from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A business rule refused the action; its message is translated and shown to the user."""


class StageNotReady(DomainError):
    pass


class StageConflict(DomainError):
    pass
