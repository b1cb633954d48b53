"""make bench: render the council dossier of a decision in this process, as the task does.

Run by bench/run.py as a separate process (`python bench/dossier.py <decision pk> [out.pdf]`),
against the same BENCH_DATABASE_URL; prints one JSON line: the render's wall time, the process's
CPU time, its peak memory (ru_maxrss, so Django's start is included) and the PDF's page count.
"""

import io
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DJANGO_DEBUG"] = "false"
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from actionplans import dossier  # noqa: E402
from actionplans.models import DraftDecision  # noqa: E402


def main(pk: int) -> None:
    import logging

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # a line per page
    # As the task loads it (actionplans.dossier.build); request_dossier refuses adopted decisions.
    decision = DraftDecision.objects.select_related(
        "municipality", "cycle", "plan", "strategy_version__strategy"
    ).get(pk=pk)
    translation.activate("ro")
    start = time.perf_counter()
    pdf = dossier.render(decision)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_kib = usage.ru_maxrss  # KiB on Linux
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    if len(sys.argv) > 2:  # a path: keep the PDF to look at
        Path(sys.argv[2]).write_bytes(pdf)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": usage.ru_utime + usage.ru_stime,
                "peak_mib": peak_kib / 1024,
                "pages": pages,
                "bytes": len(pdf),
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
