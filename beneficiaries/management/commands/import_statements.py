"""Import SPIRAL statements from an XLSX or CSV file into a session (all or nothing)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from beneficiaries.models import SpiralSession
from beneficiaries.services import ImportFailed, import_statements
from core.exceptions import DomainError


class Command(BaseCommand):
    help = "Import statements (columns: întrebare, afirmație) into a SPIRAL session."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--session", type=int, required=True, help="the session's id")
        parser.add_argument("--user", required=True, help="user name recorded as the author")
        parser.add_argument(
            "--personal-data",
            choices=["stop", "redact", "confirm"],
            default="stop",
            help="what to do with rows that look like personal data (default: stop)",
        )

    def handle(self, *args, file, session, user, personal_data, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        spiral_session = SpiralSession.objects.filter(pk=session).first()
        if spiral_session is None:
            raise CommandError(_("No SPIRAL session with id %(id)s.") % {"id": session})
        author = get_user_model().objects.filter(username=user).first()
        if author is None:
            raise CommandError(_("No user named %(name)s.") % {"name": user})
        try:
            count = import_statements(
                session=spiral_session,
                user=author,
                filename=path.name,
                data=path.read_bytes(),
                resolution="" if personal_data == "stop" else personal_data,
            )
        except ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(_where(error) + ": " + error.message)
            raise CommandError(failure.messages[0] + " " + _("Nothing was imported.")) from failure
        except DomainError as error:
            raise CommandError(" ".join(error.messages)) from error
        message = ngettext(
            "%(count)d statement imported into “%(session)s”.",
            "%(count)d statements imported into “%(session)s”.",
            count,
        ) % {"count": count, "session": spiral_session}
        self.stdout.write(self.style.SUCCESS(message))


def _where(error) -> str:
    """“Row 3, column “afirmație””, “Row 3” or “The file”, in the active language."""
    if error.row and error.column:
        return _("Row %(row)d, column “%(column)s”") % {"row": error.row, "column": error.column}
    if error.row:
        return _("Row %(row)d") % {"row": error.row}
    return _("The file")
