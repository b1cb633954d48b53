"""Import SPIRAL statements from an XLSX or CSV file into a session (all or nothing)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

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
            raise CommandError(f"No such file: {path}")
        spiral_session = SpiralSession.objects.filter(pk=session).first()
        if spiral_session is None:
            raise CommandError(f"No SPIRAL session with id {session}.")
        author = get_user_model().objects.filter(username=user).first()
        if author is None:
            raise CommandError(f"No user named {user}.")
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
                where = f"row {error.row}" if error.row else "file"
                column = f", column “{error.column}”" if error.column else ""
                self.stderr.write(f"{where}{column}: {error.message}")
            raise CommandError(f"{failure.messages[0]} Nothing was imported.") from failure
        except DomainError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(f"{count} statements imported into “{spiral_session}”.")
        )
