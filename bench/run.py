"""make bench: query counts at two data sizes (they must be equal) and median server times.

Runs against BENCH_DATABASE_URL (default: SQLite file bench.sqlite3), seeded by seed_scale.
Exit status 1 when a page's query count grows with the data or its median misses its target.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'bench.sqlite3'}"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DJANGO_DEBUG"] = "false"
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.pages import PAGES  # noqa: E402
from core.models import Municipality  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
SIZES = ("small", "county")


def measure(page, municipality):
    client = Client()
    user = page.persona(municipality)
    if user is not None:
        client.force_login(user)
    url = page.url(municipality)
    for _ in range(2):  # warm-up
        response = client.get(url)
        assert response.status_code == 200, f"{page.name}: {url} answered {response.status_code}"
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        client.get(url)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return len(queries), statistics.median(times)


def main() -> int:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    for size in SIZES:
        call_command("seed_scale", scale=size, verbosity=0)
    municipalities = {size: Municipality.objects.get(slug=f"bench-{size}") for size in SIZES}
    print(f"database: {connection.vendor}; {RUNS} timed runs per page; median server time")
    header = (
        f"{'page':<44} {'queries small':>13} {'queries county':>14} "
        f"{'ms small':>9} {'ms county':>9} {'target':>7}  result"
    )
    print(header)
    print("-" * len(header))
    failures = 0
    for page in PAGES:
        results = {size: measure(page, municipalities[size]) for size in SIZES}
        (q_small, t_small), (q_county, t_county) = results["small"], results["county"]
        problems = []
        if q_small != q_county:
            problems.append("queries grow with data")
        if t_county > page.target_ms:
            problems.append("over target")
        failures += bool(problems)
        print(
            f"{page.name:<44} {q_small:>13} {q_county:>14} {t_small:>9.1f} {t_county:>9.1f} "
            f"{page.target_ms:>7.0f}  {'; '.join(problems) or 'ok'}"
        )
    failures += bench_import(municipalities["county"])
    failures += bench_dossier(municipalities["county"])
    return 1 if failures else 0


def bench_import(municipality) -> int:
    """The 20,000-row XLSX import, as a separate process: wall time and peak memory."""
    import resource
    import subprocess
    import tempfile

    import openpyxl

    from beneficiaries.models import SpiralSession

    rows, target_s, target_mib = 20_000, 10.0, 400
    session = SpiralSession.objects.filter(municipality=municipality).order_by("pk").first()
    author = municipality.memberships.filter(role="facilitator").first().user.username
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Întrebare", "Afirmație"])
    for n in range(rows):
        sheet.append([1 + n % 4, f"Frigul din casă când nu pot plăti întreținerea, nr. {n}"])
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        book.save(handle.name)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        result = subprocess.run(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "import_statements",
                handle.name,
                f"--session={session.pk}",
                f"--user={author}",
            ],
            capture_output=True,
            text=True,
            env=os.environ,
        )
        seconds = time.perf_counter() - start
        peak_mib = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    # Leave the seeded volumes as they were, so that every run measures the same data.
    session.statements.filter(text__contains=", nr. ").delete()
    problems = []
    if result.returncode != 0:
        problems.append("failed: " + result.stderr.strip()[-200:])
    if seconds > target_s:
        problems.append("over time target")
    if peak_mib > target_mib:
        problems.append("over memory target")
    print(
        f"\nimport of a {rows:,}-row XLSX: {seconds:.1f} s (target {target_s:.0f} s), "
        f"peak memory {peak_mib:.0f} MiB (target {target_mib} MiB): {'; '.join(problems) or 'ok'}"
    )
    return 1 if problems else 0


def bench_dossier(municipality) -> int:
    """The council dossiers of the county's adopted decisions, each rendered in a separate process
    (bench/dossier.py): the strategy's (annex 1 the strategy, annex 2 the first year's plan, the
    consultation report) and a later year's plan's. Wall time of the render, peak memory of the
    process, page count."""
    failures = 0
    for kind, label in (("strategy", "the strategy decision"), ("plan", "the plan decision")):
        failures += _bench_one_dossier(municipality, kind, label)
    return failures


def _bench_one_dossier(municipality, kind, label) -> int:
    import json
    import subprocess

    from actionplans.models import DraftDecision

    target_s, target_mib, target_pages = 20.0, 600, 150
    decision = (
        DraftDecision.objects.adopted()
        .filter(municipality=municipality, kind=kind)
        .order_by("pk")
        .first()
    )
    problems, figures = [], {}
    if decision is None:
        problems.append(f"no adopted {kind} decision (seed_scale)")
    else:
        result = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "dossier.py"), str(decision.pk)],
            capture_output=True,
            text=True,
            env=os.environ,
        )
        if result.returncode != 0:
            problems.append("failed: " + result.stderr.strip()[-200:])
        else:
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            if figures["seconds"] > target_s:
                problems.append("over time target")
            if figures["peak_mib"] > target_mib:
                problems.append("over memory target")
    if figures:
        print(
            f"council dossier of {label}: {figures['seconds']:.1f} s "
            f"(target {target_s:.0f} s; CPU {figures['cpu_seconds']:.1f} s), "
            f"peak memory {figures['peak_mib']:.0f} MiB "
            f"(target {target_mib} MiB), {figures['pages']} pages (about {target_pages} "
            f"expected), {figures['bytes'] / 1024 / 1024:.1f} MiB: "
            f"{'; '.join(problems) or 'ok'}"
        )
    else:
        print(f"council dossier of {label}: {'; '.join(problems)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
