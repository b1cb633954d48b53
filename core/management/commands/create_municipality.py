"""Set up a new municipality with its first administrator (who receives a set-password e-mail)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.crypto import get_random_string
from django.utils.text import slugify

from core.models import Municipality, Role
from core.services import grant_role


class Command(BaseCommand):
    help = "Create a municipality (UAT) and give its first administrator a set-password link."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="e.g. 'Municipiul Baia Mare'")
        parser.add_argument("--county", required=True)
        parser.add_argument("--siruta", required=True)
        parser.add_argument(
            "--kind", default=Municipality.Kind.MUNICIPALITY, choices=Municipality.Kind.values
        )
        parser.add_argument("--slug", help="short name in addresses (default: from the name)")
        parser.add_argument("--department", default="")
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--domain", default="127.0.0.1:8000", help="host for the e-mailed link")

    @transaction.atomic
    def handle(self, *args, **options):
        municipality = Municipality(
            name=options["name"],
            county=options["county"],
            siruta=options["siruta"],
            kind=options["kind"],
            slug=options["slug"] or slugify(options["name"].replace("Municipiul ", "")),
            department=options["department"],
        )
        try:
            municipality.full_clean()
        except ValidationError as error:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            ) from error
        municipality.save()
        User = get_user_model()
        email = options["admin_email"].lower()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(username=email, email=email)
            user.set_password(get_random_string(40))
            user.save()
        grant_role(municipality=municipality, user=user, role=Role.ADMINISTRATOR)
        form = PasswordResetForm({"email": email})
        if form.is_valid():
            form.save(
                domain_override=options["domain"],
                subject_template_name="registration/invitation_subject.txt",
                email_template_name="registration/invitation_email.txt",
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{municipality} created at /m/{municipality.slug}/; {email} is its administrator."
            )
        )
