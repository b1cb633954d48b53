"""Create a municipality with benchmark volumes (`--scale small` or `--scale county`)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from core.models import Membership, Municipality, Role, User
from core.seeding import SCALES, SEEDERS


class Command(BaseCommand):
    help = "Seed a benchmark municipality at a given scale (idempotent: an existing one is kept)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="county")
        parser.add_argument("--fresh", action="store_true", help="Delete and recreate it first.")

    def handle(self, *args, scale, fresh, **options):
        slug = f"bench-{scale}"
        if fresh:
            # The municipality first: its rows refer to the bench users (PROTECT).
            Municipality.objects.filter(slug=slug).delete()
            User.objects.filter(username__startswith=f"{slug}-").delete()
        if Municipality.objects.filter(slug=slug).exists():
            self.stdout.write(f"{slug} already seeded; use --fresh to recreate it.")
            return
        with transaction.atomic():
            municipality = Municipality.objects.create(
                slug=slug,
                name=f"Județul de test ({scale})",
                county="Test",
                siruta=str(990000 + len(scale)),
                kind=Municipality.Kind.COUNTY,
            )
            sizes = SCALES[scale]
            for seeder in SEEDERS:
                seeder(municipality, scale, sizes)
            admin, _ = User.objects.get_or_create(
                username=f"{slug}-admin", defaults={"email": f"{slug}-admin@bench.spirala.ro"}
            )
            Membership.objects.get_or_create(
                user=admin, municipality=municipality, role=Role.ADMINISTRATOR
            )
        self.stdout.write(self.style.SUCCESS(f"{slug} seeded: {sizes}"))
