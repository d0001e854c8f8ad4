"""The merchant's dashboard on the bench store (10,000 products, 50,000 orders):
the Shop's panels rendered in one process, as the Wagtail home page renders them,
with their queries counted. Run by bench/run.py after seeding; prints JSON."""

import json
import os
import statistics
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_DASHBOARD_RUNS", 200))


def main() -> None:
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from commerce.models import Order
    from commerce.staff import dashboard

    merchant = get_user_model()(is_staff=True, is_superuser=True, is_active=True)

    def render() -> int:
        request = RequestFactory().get("/admin/")
        request.user = merchant
        shown = [*dashboard.shown_panels(request), dashboard.ToShipSummaryItem(request)]
        with CaptureQueriesContext(connection) as queries:
            for component in shown:
                component.render_html()
        return len(queries)

    render()  # the store settings and the planner's first look
    timings, counts = [], set()
    for _ in range(RUNS):
        started = time.perf_counter()
        counts.add(render())
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(
        json.dumps(
            {
                "orders": Order.objects.count(),
                "queries": sorted(counts),
                "p50_ms": round(statistics.median(timings), 2),
                "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
