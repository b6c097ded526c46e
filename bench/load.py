#!/usr/bin/env python3
"""HTTP benchmark: goalline answering the canonical queries, against the ceiling.

    python3 bench/load.py [--postgres URL] [--data DIR] [--duration S] [--connections 1,16,64]

For each query in bench/queries/*.graphql it drives `wrk` (installed from Debian's packages when
missing) at each connection count for a fixed time, against goalline (release build, on the
full imported World Cup history) and against the ceiling: `examples/ceiling.rs`, a minimal
actix-web server returning the very bytes goalline returned, doing no GraphQL work. It prints
requests/s, p50 and p99 latency, and goalline's ratio to the ceiling; then goalline's peak RSS.

Two modes, each its own goalline process on the same database:
  uncached  POST with the query text, response cache off (GOALLINE_RESPONSE_CACHE_SIZE=0):
            every request parses, validates and executes the query against the database;
  cached    GET of an automatic persisted query (hash only, as a mobile app or CDN sends it),
            response cache on (the default): answered from memory after the first request.
"""

import argparse
import glob
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RELEASE = os.path.join(ROOT, "target", "release")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, proc):
    for _ in range(3000):
        if proc.poll() is not None:
            raise SystemExit(f"{url}: the server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.01)
    raise SystemExit(f"{url}: not ready")


def post(port, query, extensions=None):
    payload = {"query": query}
    if extensions:
        payload["extensions"] = extensions
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request) as r:
        return r.read()


def persisted_path(query):
    """The URL path of an APQ GET: the document's SHA-256 only."""
    digest = hashlib.sha256(query.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    return extensions, "/graphql?" + urllib.parse.urlencode({"extensions": json.dumps(extensions, separators=(",", ":"))})


def ensure_wrk():
    if shutil.which("wrk"):
        return
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL)


def wrk(port, script, connections, duration):
    out = subprocess.run(
        ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{duration}s",
         "--latency", "-s", script, f"http://127.0.0.1:{port}/graphql"],
        check=True, capture_output=True, text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def percentile(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"wrk saw {errors.group(1)} error responses:\n{out}")
    return rps, percentile(50), percentile(99)


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


MODES = {
    "uncached": {"GOALLINE_RESPONSE_CACHE_SIZE": "0"},
    "cached": {},
}


def run_backend(label, database_url, data, args, scratch):
    # wrk is one client asking as fast as it can: the rate limit would answer it 429.
    env = dict(os.environ, DATABASE_URL=database_url, RUST_LOG="warn", GOALLINE_RATE_LIMIT="0")
    goalline = os.path.join(RELEASE, "goalline")
    subprocess.run([goalline, "import", data], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for mode in args.modes:
        port = free_port()
        server = subprocess.Popen([goalline], env=dict(env, PORT=str(port), **MODES[mode]),
                                  stderr=subprocess.DEVNULL)
        try:
            wait_for(f"http://127.0.0.1:{port}/health", server)
            run_queries(f"{label}, {mode}", port, mode, args, scratch)
            print(f"\n{label}, {mode}: goalline peak RSS {peak_rss_mib(server.pid):.1f} MiB; response sizes: "
                  + ", ".join(f"{os.path.basename(p)[:-5]} {os.path.getsize(p)} B"
                              for p in sorted(glob.glob(os.path.join(scratch, '*.json')))))
        finally:
            server.terminate()
            server.wait()


def run_queries(label, port, mode, args, scratch):
    print(f"\n{label}: requests/s, p50 and p99 latency (ms); ratio = goalline / ceiling requests/s")
    print(f"| {'query':<14} | {'conns':>5} | {'goalline r/s':>12} | {'p50':>7} | {'p99':>7} | {'ceiling r/s':>11} | {'ratio':>6} |")
    print(f"|{'-'*16}|{'-'*7}|{'-'*14}|{'-'*9}|{'-'*9}|{'-'*13}|{'-'*8}|")
    for path in sorted(glob.glob(os.path.join(ROOT, "bench", "queries", "*.graphql"))):
        name = os.path.basename(path)[: -len(".graphql")]
        if args.only and name not in args.only:
            continue
        query = "\n".join(l for l in open(path) if not l.lstrip().startswith("#"))
        script = os.path.join(scratch, f"{name}.lua")
        if mode == "cached":
            # Registers the document (APQ), as a client's first request does.
            extensions, get_path = persisted_path(query)
            body = post(port, query, extensions)
            with open(script, "w") as f:
                f.write(f"wrk.path = {json.dumps(get_path)}\n")
        else:
            body = post(port, query)
            with open(script, "w") as f:
                f.write('wrk.method = "POST"\n')
                f.write('wrk.headers["Content-Type"] = "application/json"\n')
                f.write(f"wrk.body = {json.dumps(json.dumps({'query': query}))}\n")
        if b'"errors"' in body:
            raise SystemExit(f"{name}: goalline answered with errors: {body[:500]!r}")
        response_file = os.path.join(scratch, f"{name}.json")
        with open(response_file, "wb") as f:
            f.write(body)
        ceiling_port = free_port()
        ceiling = subprocess.Popen([os.path.join(RELEASE, "examples", "ceiling"), str(ceiling_port), response_file])
        try:
            wait_for(f"http://127.0.0.1:{ceiling_port}/", ceiling)
            for c in args.connections:
                g = wrk(port, script, c, args.duration)
                top = wrk(ceiling_port, script, c, args.duration)
                print(f"| {name:<14} | {c:>5} | {g[0]:>12.0f} | {g[1]:>7.2f} | {g[2]:>7.2f} | {top[0]:>11.0f} | {g[0] / top[0]:>6.3f} |",
                      flush=True)
        finally:
            ceiling.terminate()
            ceiling.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", default=os.environ.get("GOALLINE_BENCH_POSTGRES_URL"))
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "openfootball"))
    parser.add_argument("--duration", type=int, default=3)
    parser.add_argument("--only", type=lambda s: s.split(","), default=None,
                        help="comma-separated query names (files in bench/queries without .graphql)")
    parser.add_argument("--connections", type=lambda s: [int(c) for c in s.split(",")], default=[1, 16, 64])
    parser.add_argument("--modes", type=lambda s: s.split(","), default=list(MODES),
                        help="uncached, cached or both (comma-separated)")
    args = parser.parse_args()
    ensure_wrk()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "goalline", "--example", "ceiling"],
                   cwd=ROOT, check=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    print(f"machine: {os.cpu_count()} cores; load generator on the same machine (wrk -t2); commit {commit}; "
          f"{args.duration}s per run")
    data = os.path.abspath(args.data)
    with tempfile.TemporaryDirectory(prefix="goalline-http-") as scratch:
        run_backend("sqlite", os.path.join(scratch, "bench.db"), data, args, scratch)
        if args.postgres:
            name = "goalline_http_" + uuid.uuid4().hex[:8]
            subprocess.run(["psql", args.postgres, "-qAtc", f"CREATE DATABASE {name}"], check=True)
            try:
                base = args.postgres.rsplit("/", 1)[0]
                for f in glob.glob(os.path.join(scratch, "*.json")):
                    os.remove(f)
                run_backend("postgres", f"{base}/{name}", data, args, scratch)
            finally:
                subprocess.run(["psql", args.postgres, "-qAtc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)


if __name__ == "__main__":
    main()
