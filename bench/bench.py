#!/usr/bin/env python3
"""Benchmarks that need a whole process: cold start, full import, binary size.

    python3 bench/bench.py [startup] [import] [--postgres URL] [--data DIR...] [--runs N]

Builds the release binary first. Every figure is printed beside a baseline measured in the
same run on the same machine, and their ratio:
  startup: first start on an empty database (create, migrate, load the built-in history, listen,
           build the read model) and a restart on the existing database, each to its first
           answer (listening) and to the first 200 from /health/ready (ready); baseline: the
           same binary printing its schema (process start and schema build, no database).
  import:  `goalline import` of the data folders (by default the openfootball World Cups; give
           the continental and international-results folders too for everything) into a fresh
           database (time and peak memory); baseline: `goalline migrate` (migrations and
           built-in data only).
PostgreSQL figures are measured when --postgres (or GOALLINE_BENCH_POSTGRES_URL) names a
server; a database is created for each run and dropped after.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "goalline")


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_for(database_url, port=None):
    env = dict(os.environ, DATABASE_URL=database_url, RUST_LOG="warn", LOG_FORMAT="pretty",
               GOALLINE_RATE_LIMIT="0")
    if port:
        env["PORT"] = str(port)
    return env


class Database:
    """A fresh SQLite file or PostgreSQL database, removed afterwards."""

    def __init__(self, postgres_url):
        self.postgres_url = postgres_url
        self.name = "goalline_bench_" + uuid.uuid4().hex[:10]
        self.dir = tempfile.mkdtemp(prefix="goalline-bench-")

    def url(self):
        if self.postgres_url:
            base = self.postgres_url.rsplit("/", 1)[0]
            return f"{base}/{self.name}"
        return os.path.join(self.dir, "bench.db")

    def __enter__(self):
        if self.postgres_url:
            psql(self.postgres_url, f"CREATE DATABASE {self.name}")
        return self

    def __exit__(self, *exc):
        if self.postgres_url:
            psql(self.postgres_url, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
        for f in os.listdir(self.dir):
            os.remove(os.path.join(self.dir, f))
        os.rmdir(self.dir)


def psql(url, sql):
    subprocess.run(["psql", url, "-qAtc", sql], check=True, stdout=subprocess.DEVNULL)


def time_to_ready(database_url):
    """Seconds from exec to the first answer from the server (listening, whatever the status)
    and to the first 200 from /health/ready (data loaded and the read model built)."""
    port = free_port()
    started = time.perf_counter()
    listening = None
    proc = subprocess.Popen([BINARY], env=env_for(database_url, port), stderr=subprocess.DEVNULL)
    try:
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"goalline exited with {proc.returncode} before it was ready")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/ready", timeout=1) as r:
                    if r.status == 200:
                        now = time.perf_counter() - started
                        return (listening or now), now
            except urllib.error.HTTPError:
                # 503 while the read model is built: listening, not ready.
                listening = listening or time.perf_counter() - started
                time.sleep(0.002)
            except OSError:
                time.sleep(0.002)
    finally:
        proc.terminate()
        proc.wait()


# Measures one command in a child Python of its own, so that its peak memory is not mixed
# with that of the commands measured before it.
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def timed(args, database_url):
    """Seconds and peak resident memory (KiB) of one command."""
    out = subprocess.run([sys.executable, "-c", MEASURE, BINARY, *args], env=env_for(database_url),
                         check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1])


def row(name, value, unit, baseline):
    ratio = value / baseline if baseline else float("nan")
    print(f"| {name:<56} | {value:>10.1f} {unit:<3} | {ratio:>7.2f}x |")


def header(title):
    print(f"\n{title}\n| {'measurement':<56} | {'value':>14} | {'ratio':>8} |")
    print(f"|{'-' * 58}|{'-' * 16}|{'-' * 10}|")


def startup(backends, runs):
    header("Start-up (median of %d runs; ratio to the baseline)" % runs)
    baseline = statistics.median(timed(["schema"], ":memory:")[0] for _ in range(runs))
    row("baseline: `goalline schema` (no database)", baseline * 1000, "ms", baseline * 1000)
    for label, postgres in backends:
        firsts, restarts = [], []
        for _ in range(runs):
            with Database(postgres) as db:
                firsts.append(time_to_ready(db.url()))
                restarts.append(time_to_ready(db.url()))
        for name, times in [("first start, empty database", firsts), ("restart, existing database", restarts)]:
            listening = statistics.median(t[0] for t in times) * 1000
            ready = statistics.median(t[1] for t in times) * 1000
            row(f"{label}: {name}: listening", listening, "ms", baseline * 1000)
            row(f"{label}: {name}: ready", ready, "ms", baseline * 1000)
    size = os.path.getsize(BINARY) / (1024 * 1024)
    print(f"\nrelease binary: {size:.1f} MiB ({BINARY})")


def full_import(backends, data):
    header(f"Import of {' '.join(data)} (time; peak RSS)")
    for label, postgres in backends:
        with Database(postgres) as db:
            base_t, base_rss = timed(["migrate"], db.url())
        with Database(postgres) as db:
            timed(["migrate"], db.url())
            t, rss = timed(["import", *data], db.url())
        row(f"{label}: baseline `goalline migrate`", base_t * 1000, "ms", base_t * 1000)
        row(f"{label}: `goalline import` (after migrate)", t * 1000, "ms", base_t * 1000)
        row(f"{label}: baseline peak RSS", base_rss / 1024, "MiB", base_rss / 1024)
        row(f"{label}: import peak RSS", rss / 1024, "MiB", base_rss / 1024)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", nargs="*", help="startup, import, or both (the default)")
    parser.add_argument("--postgres", default=os.environ.get("GOALLINE_BENCH_POSTGRES_URL"))
    parser.add_argument("--data", nargs="+", default=[os.path.join(ROOT, "..", "shared", "data", "openfootball")])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    args.what = args.what or ["startup", "import"]
    unknown = set(args.what) - {"startup", "import"}
    if unknown:
        parser.error(f"unknown measurement: {', '.join(sorted(unknown))}")
    build()
    backends = [("sqlite", None)] + ([("postgres", args.postgres)] if args.postgres else [])
    print(f"machine: {os.cpu_count()} cores, {os.uname().sysname} {os.uname().machine}; commit "
          + subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip())
    if "startup" in args.what:
        startup(backends, args.runs)
    if "import" in args.what:
        if not os.path.isdir(args.data):
            sys.exit(f"no data at {args.data}: pass --data")
        full_import(backends, [os.path.abspath(d) for d in args.data])


if __name__ == "__main__":
    main()
