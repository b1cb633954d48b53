from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A business rule refused the action; its message is translated and shown to the user."""


class StageNotReady(DomainError):
    pass


class StageConflict(DomainError):
    pass


def apply_to_form(form, error: DomainError) -> None:
    """Put a service's refusal on the form field it names, or on the whole form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
