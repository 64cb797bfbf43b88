"""Measure messaging pages against the framework floor, at two data sizes.

For each size: a fresh PostgreSQL database, `generate_messages`, gunicorn on
127.0.0.1 with benchmarks.settings, then interleaved requests to the floor, the
inbox, a long thread's first and last page and the unread count; the home page
(the shared base layout and nothing else) is measured as a reference. Server time comes
from gunicorn's access log (%(D)s, microseconds), so the client adds no noise.

    .venv/bin/python benchmarks/run.py [--sizes 10000:500:2000 1000000:50000:20000]

Needs a PostgreSQL server; PG_URL names its maintenance database.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "samspill_messaging_bench")
PORT = int(os.environ.get("BENCH_PORT", "8765"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--sizes", nargs="+", default=["10000:500:2000", "1000000:50000:20000"]
    )
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()

    results: dict[int, Any] = {}
    for size in args.sizes:
        messages, threads, long_thread = (int(part) for part in size.split(":"))
        results[messages] = measure(messages, threads, long_thread, args.rounds)
    print(json.dumps(results, indent=2))
    print(table(results))


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"{PG_URL}/{DATABASE}",
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def manage(*arguments: str) -> str:
    done = subprocess.run(  # noqa: S603 (our own fixed command line)
        [PY, "manage.py", *arguments],
        cwd=ROOT,
        env=environment(),
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def fresh_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def session_cookie(username: str) -> str:
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "from samspill.accounts.models import User;"
        "from samspill.core.testing import login_as;"
        "from django.conf import settings;"
        f"c = login_as(Client(), User.objects.get(username={username!r}));"
        "print(settings.SESSION_COOKIE_NAME + '=' + "
        "c.cookies[settings.SESSION_COOKIE_NAME].value)"
    )
    done = subprocess.run(  # noqa: S603 (our own fixed command line)
        [PY, "-c", script],
        cwd=ROOT,
        env=environment(),
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1]


def measure(
    messages: int, threads: int, long_thread: int, rounds: int
) -> dict[str, Any]:
    print(f"== {messages} messages in {threads} threads", file=sys.stderr)
    fresh_database()
    manage("migrate", "--no-input")
    started = time.perf_counter()
    summary = json.loads(
        manage(
            "generate_messages",
            f"--messages={messages}",
            f"--threads={threads}",
            f"--long-thread={long_thread}",
        )
        .strip()
        .splitlines()[-1]
    )
    generated = time.perf_counter() - started
    print(f"generated in {generated:.1f} s: {summary}", file=sys.stderr)
    with psycopg_connect() as connection:
        connection.execute("VACUUM ANALYZE")
    cookie = session_cookie(summary["provider"])

    thread = summary["long_thread"]
    urls = {
        "floor": "/bench/floor/",
        "layout_only": "/akutt-hjelp/",
        "inbox": "/meldinger/",
        "thread_newest_page": f"/meldinger/{thread}/",
        "thread_oldest_page": f"/meldinger/{thread}/?nyere=0",
        "unread_count": "/bench/unread/",
    }
    log = ROOT / "var" / f"bench-access-{messages}.log"
    log.parent.mkdir(exist_ok=True)
    log.unlink(missing_ok=True)
    server = serve(log)
    try:
        sizes = {name: get(url, cookie)[1] for name, url in urls.items()}
        for _ in range(20):
            for url in urls.values():
                get(url, cookie)
        time.sleep(0.5)
        skip = len(log.read_text().splitlines())
        for _ in range(rounds):
            for url in urls.values():
                status, _ = get(url, cookie)
                if status != 200:
                    raise RuntimeError(f"{url} answered {status}")
        time.sleep(0.5)
    finally:
        server.terminate()
        server.wait()
    return summarise(log, urls, skip, sizes, generated)


def psycopg_connect() -> Any:
    import psycopg

    return psycopg.connect(f"{PG_URL}/{DATABASE}", autocommit=True)


def serve(log: Path) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(  # noqa: S603 (our own fixed command line)
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "samspill.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "1",
            "--access-logfile",
            str(log),
            "--access-logformat",
            "%(U)s?%(q)s %(s)s %(D)s",
        ],
        cwd=ROOT,
        env=environment(),
    )
    for _ in range(100):
        try:
            get("/health/", "")
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def get(url: str, cookie: str) -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    connection.request("GET", url, headers={"Cookie": cookie})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, len(body)


def summarise(
    log: Path, urls: dict[str, str], skip: int, sizes: dict[str, int], generated: float
) -> dict[str, Any]:
    by_url: dict[str, list[float]] = {url: [] for url in urls.values()}
    for line in log.read_text().splitlines()[skip:]:
        target, _status, micros = line.rsplit(" ", 2)
        path, _, query = target.partition("?")
        url = path + (f"?{query}" if query else "")
        if url in by_url:
            by_url[url].append(int(micros) / 1000)
    result: dict[str, Any] = {"generated_seconds": round(generated, 1)}
    floor = by_url[urls["floor"]]
    floor_median = statistics.median(floor)
    floor_p95 = statistics.quantiles(floor, n=20)[-1]
    for name, url in urls.items():
        times = by_url[url]
        median = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1]
        result[name] = {
            "requests": len(times),
            "bytes": sizes[name],
            "median_ms": round(median, 2),
            "p95_ms": round(p95, 2),
            "median_ratio": round(median / floor_median, 2),
            "p95_ratio": round(p95 / floor_p95, 2),
        }
    return result


def table(results: dict[int, Any]) -> str:
    lines = [
        "| page | messages | median ms | p95 ms | median / floor | p95 / floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for messages, result in results.items():
        for name, row in result.items():
            if not isinstance(row, dict):
                continue
            lines.append(
                f"| {name} | {messages:,} | {row['median_ms']} | {row['p95_ms']} | "
                f"{row['median_ratio']} | {row['p95_ratio']} |"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
