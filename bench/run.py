"""`make bench`: the storefront under load, and the merchant's dashboard.

Builds (once) a 10,000-product store with 50,000 orders in its own PostgreSQL database
and serves it with gunicorn (4 workers) on production settings and Redis. It measures,
in this order: the Shop's dashboard panels on those orders (`make bench-dashboard`
stops there); the unloaded render time of category and product pages; 200 shoppers on a journey
that browses and, one in ten, buys (Locust), from a cold cache and then a warm one;
wrk throughput of cached and rendered pages as a ratio of a trivial Django view;
searchers; and buyers without pauses. Prints p50/p95/p99, requests a second and
errors per step, and writes bench/results/latest.{md,json,png}."""

import concurrent.futures
import csv
import datetime
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
WORK = ROOT / "var" / "bench"
PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", 10_000))
ORDERS = int(os.environ.get("BENCH_ORDERS", 50_000))
DURATION = os.environ.get("BENCH_DURATION", "60s")
USERS = int(os.environ.get("BENCH_USERS", 200))
SPAWN_RATE = 50
PORT = int(os.environ.get("BENCH_PORT", 8765))
WORKERS = os.environ.get("BENCH_WORKERS", "4")
CHECKOUT_DURATION = os.environ.get("BENCH_CHECKOUT_DURATION", "30s")
BUYER_COUNTS = [1, 20]
DATABASE = "shop_bench"
JOURNEY_STEPS = [
    "home",
    "category",
    "product",
    "add to cart",
    "cart",
    "checkout",
    "checkout details",
    "review",
    "place order",
    "payment page",
    "pay",
]
RENDERS = int(os.environ.get("BENCH_RENDERS", 300))
# A session cookie: the shop renders the page for this one shopper, never from the cache.
SESSION_COOKIE = "sessionid=bench-rendered"
CHECKOUT_STEPS = ["add to cart", "checkout details", "review", "place order"]
SEARCH_STEPS = ["search: one word", "search: two words", "search: faceted", "autocomplete"]
SEARCH_USERS = int(os.environ.get("BENCH_SEARCH_USERS", 10))
SEARCH_DURATION = os.environ.get("BENCH_SEARCH_DURATION", "60s")
WRK_DURATION = os.environ.get("BENCH_WRK_DURATION", "10s")
WRK_CONNECTIONS = 32
# What every browser sends; the shop's shared pages are kept gzipped and sent as kept.
BROWSER_ENCODINGS = "Accept-Encoding: gzip, deflate, br"

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "bench-only-secret-key-that-is-long-enough-to-satisfy-checks",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    "REDIS_URL": "redis://127.0.0.1:6379/3",
    "SECURE_SSL_REDIRECT": "False",
    "SECURE_COOKIES": "False",
    "MEDIA_ROOT": str(WORK / "media"),
    "STATIC_ROOT": str(WORK / "static"),
    "LOG_LEVEL": "WARNING",
    "CHECKOUT_RATE_LIMIT": "1000000/m/ip",  # every buyer comes from 127.0.0.1
    # ... with one email, placing orders that nobody pays: lift the caps on unpaid orders.
    "SHOP_MAX_UNPAID_ORDERS": "1000000",
    "SHOP_MAX_UNPAID_UNITS": "1000000",
    "SHOP_ALLOW_DEMO_PAYMENTS": "true",  # no Stripe here; nobody pays in the benchmark
}


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


def ensure_database() -> None:
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        exists = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if not exists:
            db.execute(f'CREATE DATABASE "{DATABASE}"')


def vacuum_database() -> None:
    """Planner statistics and visibility maps as autovacuum leaves them after a bulk load."""
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DATABASE}", autocommit=True) as db:
        db.execute("VACUUM ANALYZE")


def prepare_store() -> float:
    ensure_database()
    manage("migrate", "--noinput", "-v0")
    started = time.monotonic()
    manage("seed_demo", "--products", str(PRODUCTS))
    manage("bench_orders", "--orders", str(ORDERS))
    seeded = time.monotonic() - started
    vacuum_database()
    manage("warm_renditions")
    manage("collectstatic", "--noinput", "-v0")
    return seeded


def dashboard_figures() -> dict:
    """The Shop's dashboard panels on the seeded orders: time and queries."""
    output = subprocess.run(
        [sys.executable, "bench/dashboard.py"],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def dashboard_table(figures: dict) -> str:
    return (
        "| orders | queries | p50 ms | p95 ms |\n|---:|---:|---:|---:|\n"
        f"| {figures['orders']} | {', '.join(map(str, figures['queries']))} "
        f"| {figures['p50_ms']} | {figures['p95_ms']} |"
    )


def collect_urls(path: Path) -> None:
    script = (
        "import json, random\n"
        "from catalog.models import CategoryPage, ProductPage, ProductVariant\n"
        "urls = {'categories': [p.url for p in CategoryPage.objects.live()],\n"
        "        'products': [p.url for p in ProductPage.objects.live().order_by('?')[:3000]]}\n"
        "from commerce.models import ShippingMethod, StockRecord\n"
        "from commerce.services.stock import set_stock_on_hand\n"
        "ids = list(ProductVariant.objects.filter(is_active=True, product__live=True)\n"
        "           .order_by('pk').values_list('pk', flat=True)[:200])\n"
        "for record in StockRecord.objects.filter(variant_id__in=ids):\n"
        "    set_stock_on_hand(variant_id=record.variant_id, reason='received',\n"
        "                      num_on_hand=record.num_reserved + 1_000_000)\n"
        "urls['variants'] = ids\n"
        "urls['buyable'] = [[v.product.url, v.pk] for v in\n"
        "                   ProductVariant.objects.filter(pk__in=ids).select_related('product')]\n"
        "titles = ProductPage.objects.live().values_list('title', flat=True)[:2000]\n"
        "urls['words'] = sorted({w.lower() for t in titles for w in t.split() if len(w) > 3})\n"
        "urls['shipping_method'] = ShippingMethod.objects.filter(is_active=True).first().pk\n"
        f"open({str(path)!r}, 'w').write(json.dumps(urls))\n"
    )
    manage("shell", "-c", script)


def start_server(app: str = "config.wsgi", port: int = PORT) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            WORKERS,
            "--access-logfile",
            "-",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
    )
    for _ in range(60):
        try:
            # The benchmark's own server, over http.
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)  # nosec B310
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer on port {port}")


def wrk_rate(url: str, *headers: str) -> float:
    """Requests a second wrk gets from `url` with WRK_CONNECTIONS connections."""
    command = ["wrk", "-t2", f"-c{WRK_CONNECTIONS}", f"-d{WRK_DURATION}", url]
    command += [part for header in headers for part in ("-H", header)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:
        raise SystemExit(f"wrk got errors from {url}:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def ceiling_ratios(urls: dict) -> dict:
    """Each page's wrk throughput beside the trivial view's, measured in this run: the
    shared (cached) category and product pages, and the category rendered every time."""
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk): no throughput ratios this run.")
        return {}
    ceiling = start_server("bench.trivial_wsgi:application", PORT + 1)
    try:
        rates = {"trivial Django view": wrk_rate(f"http://127.0.0.1:{PORT + 1}/")}
    finally:
        ceiling.terminate()
        ceiling.wait(timeout=30)
    category = f"http://127.0.0.1:{PORT}{urls['categories'][0]}"
    product = f"http://127.0.0.1:{PORT}{urls['products'][0]}"
    rendered = f"Cookie: {SESSION_COOKIE}"
    rates["cached category"] = wrk_rate(category, BROWSER_ENCODINGS)
    rates["cached product"] = wrk_rate(product, BROWSER_ENCODINGS)
    rates["uncached category"] = wrk_rate(category, BROWSER_ENCODINGS, rendered)
    rates["uncached product"] = wrk_rate(product, BROWSER_ENCODINGS, rendered)
    return rates


def render_times(urls: dict) -> dict:
    """Unloaded: one request at a time, each rendered (never a shared page), with the
    page-chrome cache warm, as it is a minute after a publish: p50 and p95 ms."""
    pages = {
        "category": [
            f"{url}?sort={sort}&page={page}"
            for url in urls["categories"]
            for sort in ("", "price", "name")
            for page in (1, 2)
        ],
        "product": urls["products"][:RENDERS],
    }
    timings = {}
    for name, paths in pages.items():
        for path in paths:  # the page chrome, cards and product parts, as after a while
            fetch(path, rendered=True)
        times = [fetch(random.choice(paths), rendered=True) for _ in range(RENDERS)]
        quantiles = statistics.quantiles(times, n=20)
        timings[name] = {"p50": statistics.median(times), "p95": quantiles[18]}
    return timings


def fetch(path: str, *, rendered: bool = False) -> float:
    """Milliseconds to GET `path`; `rendered` asks for the page drawn for one shopper."""
    headers = {"Cookie": SESSION_COOKIE} if rendered else {}
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers=headers)
    started = time.perf_counter()
    # The benchmark's own server, over http.
    with urllib.request.urlopen(request, timeout=30) as response:  # nosec B310
        response.read()
    return (time.perf_counter() - started) * 1000


def warm_catalog(urls: dict) -> None:
    """What a shop that has run a while holds: every category's and product's page
    chrome, cards and parts, as the rest of the cold run's journeys left them. (Shared
    pages live a minute, so most of them expire again during the warm run.)"""
    paths = [*urls["categories"], *urls["products"], *(url for url, _ in urls["buyable"])]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda path: fetch(path, rendered=True), paths))


def empty_cache() -> None:
    """A cold start: no shared pages, page chrome, cards or sessions in Redis."""
    redis.Redis.from_url(ENV["REDIS_URL"]).flushdb()


def ratio_table(rates: dict) -> str:
    if not rates:
        return "wrk was not installed: no ratios."
    ceiling = rates["trivial Django view"]
    lines = ["| page | req/s | of the trivial view |", "|---|---:|---:|"]
    lines += [f"| {name} | {rate:.0f} | {rate / ceiling:.2f} |" for name, rate in rates.items()]
    return "\n".join(lines)


def warm_up(urls: dict) -> None:
    """One pass over every category, a few products, and the search and suggestions for
    each word the searchers use alone, so the first measured requests find the same warm
    caches as the rest. Searches for two words stay mostly first-time: there are too
    many pairs."""
    searches = [
        url
        for word in urls["words"]
        for url in (f"/search/?q={word}", f"/search/autocomplete/?q={word[:4]}")
    ]
    for url in ["/", *urls["categories"], *urls["products"][:50], *searches]:
        fetch(url)


def run_locust(
    users: int,
    urls_file: Path,
    *,
    locustfile="bench/journey_locustfile.py",
    duration=DURATION,
    names=JOURNEY_STEPS,
    label="journey",
    spawn_rate: int | None = None,
) -> dict:
    prefix = WORK / f"{label}-{users}"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            locustfile,
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(spawn_rate or max(users // 10, 5)),
            "--run-time",
            duration,
            "--host",
            f"http://127.0.0.1:{PORT}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "10",
        ],
        cwd=ROOT,
        env={**ENV, "BENCH_URLS": str(urls_file)},
        check=False,
    )
    with open(f"{prefix}_stats.csv") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    return {
        name: {
            "requests": int(rows[name]["Request Count"]),
            "errors": int(rows[name]["Failure Count"]),
            "p50": float(rows[name]["50%"]),
            "p95": float(rows[name]["95%"]),
            "p99": float(rows[name]["99%"]),
            "rps": float(rows[name]["Requests/s"]),
        }
        for name in names
        if name in rows
    }


def table(results: dict, first: str = "users") -> str:
    lines = [
        f"| {first} | step | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for run, steps in results.items():
        for name, row in steps.items():
            lines.append(
                f"| {run} | {name} | {row['requests']} | {row['rps']:.1f} | {row['p50']:.0f} "
                f"| {row['p95']:.0f} | {row['p99']:.0f} | {row['errors']} |"
            )
    return "\n".join(lines)


def render_table(timings: dict) -> str:
    lines = ["| page | p50 ms | p95 ms |", "|---|---:|---:|"]
    lines += [f"| {name} | {t['p50']:.1f} | {t['p95']:.1f} |" for name, t in timings.items()]
    return "\n".join(lines)


def chart(journey: dict, path: Path) -> None:
    """Latency percentiles per step of the journey, cold cache against warm."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    steps = [step for step in JOURNEY_STEPS if all(step in run for run in journey.values())]
    figure, axes = pyplot.subplots(3, 1, figsize=(11, 9), sharex=True)
    width = 0.38
    for axis, percentile in zip(axes, ["p50", "p95", "p99"], strict=True):
        for offset, (run, colour) in zip(
            (-width / 2, width / 2), (("cold", "#9ca3af"), ("warm", "#0f766e")), strict=True
        ):
            values = [journey[run][step][percentile] for step in steps]
            bars = axis.bar(
                [i + offset for i in range(len(steps))],
                values,
                width,
                label=f"{run} cache",
                color=colour,
            )
            axis.bar_label(bars, fmt="%.0f", fontsize=7, padding=1)
        axis.set_ylabel(f"{percentile} ms")
        axis.set_yscale("log")
        axis.grid(axis="y", alpha=0.3)
    axes[0].legend(loc="upper left")
    axes[0].set_title(f"{USERS} shoppers on the journey, {PRODUCTS:,} products: latency per step")
    axes[-1].set_xticks(range(len(steps)), steps, rotation=30, ha="right")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    pyplot.close(figure)


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    print(f"Preparing a store with {PRODUCTS} products in database {DATABASE}...")
    seed_seconds = prepare_store()
    dashboard = dashboard_figures()
    print(f"Dashboard panels: {dashboard}")
    if sys.argv[1:] == ["dashboard"]:
        return
    urls_file = WORK / "urls.json"
    collect_urls(urls_file)
    urls = json.loads(urls_file.read_text())
    empty_cache()
    server = start_server()
    try:
        renders = render_times(urls)
        empty_cache()
        journey = {"cold": run_locust(USERS, urls_file, spawn_rate=SPAWN_RATE, label="cold")}
        warm_catalog(urls)
        journey["warm"] = run_locust(USERS, urls_file, spawn_rate=SPAWN_RATE, label="warm")
        warm_up(urls)
        rates = ceiling_ratios(urls)
        # Search runs before buying, while the database is not busy with new orders.
        searching = {
            SEARCH_USERS: run_locust(
                SEARCH_USERS,
                urls_file,
                locustfile="bench/search_locustfile.py",
                duration=SEARCH_DURATION,
                names=SEARCH_STEPS,
                label="search",
            )
        }
        buying = {
            buyers: run_locust(
                buyers,
                urls_file,
                locustfile="bench/checkout_locustfile.py",
                duration=CHECKOUT_DURATION,
                names=CHECKOUT_STEPS,
                label="checkout",
            )
            for buyers in BUYER_COUNTS
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
    chart(journey, RESULTS / "latest.png")
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = (
        f"# Storefront benchmark, {stamp}\n\n"
        f"{PRODUCTS} products on PostgreSQL and Redis, gunicorn with {WORKERS} workers, "
        f"production settings. seed_demo took {seed_seconds:.1f}s this run.\n\n"
        f"## Rendering, unloaded\n\nOne request at a time, {RENDERS} of each, every one "
        "rendered for a shopper with a session (never from the cache). "
        "Targets: category 20 ms, product 15 ms at p50.\n\n"
        f"{render_table(renders)}\n\n"
        f"## {USERS} shoppers on the journey\n\nLocust for {DURATION} from an empty Redis "
        "(cold), then, once every category and product page has been rendered (warm: "
        "page chrome, cards and product parts cached, as in a shop that has run a while), "
        f"as long again: {USERS} shoppers, spawned {SPAWN_RATE} a second, 1-3 s "
        "between pages: home, a category (some sort and page), a product; one in ten "
        "goes on to add to cart, cart, checkout, review, place order and pay (demo). "
        "Targets, warm: category and product p95 30 ms, add to cart 60 ms, place order "
        "150 ms, no errors (the paper: 220 ms average listing, 480 ms checkout).\n\n"
        f"{table(journey, 'cache')}\n\n"
        f"Chart: {(RESULTS / 'latest.png').relative_to(ROOT)}\n\n"
        f"## Throughput under wrk ({WRK_CONNECTIONS} connections, {WRK_DURATION})\n\n"
        "Cached pages come from the shared-page cache; uncached ones are rendered for "
        "a shopper with a session. Targets: cached pages at least 0.5 of the trivial "
        "view, an uncached category at least 120 pages a second.\n\n"
        f"{ratio_table(rates)}\n\n"
        f"## Placing orders\n\nBuyers without pauses, for {CHECKOUT_DURATION} each: one buyer "
        "(so place-order req/s is orders a second, one after another), then 20 at once.\n\n"
        f"{table(buying)}\n\n"
        f"## Search (database backend, PostgreSQL full text)\n\n{SEARCH_USERS} shoppers searching, "
        f"0.5-1.5 s apart, for {SEARCH_DURATION}. "
        "Targets: p95 under 50 ms, autocomplete under 20 ms.\n\n"
        f"{table(searching)}\n\n"
        f"## The merchant's dashboard\n\nThe Shop's five panels and summary item, rendered "
        f"in one process as the Wagtail home page renders them, on {ORDERS} bench orders "
        "over a year. Targets: at most 10 queries, under 50 ms.\n\n"
        f"{dashboard_table(dashboard)}\n"
    )
    (RESULTS / "latest.md").write_text(report)
    (RESULTS / "latest.json").write_text(
        json.dumps(
            {
                "render": renders,
                "journey": journey,
                "wrk": rates,
                "buy": buying,
                "search": searching,
                "dashboard": dashboard,
            },
            indent=2,
        )
    )
    print("\n" + report)
    print(f"Written to {RESULTS.relative_to(ROOT)}/latest.md, latest.json and latest.png")


if __name__ == "__main__":
    main()
