#!/usr/bin/env bash
# Starts the goalline binary given as $1 on a throwaway SQLite file and a free port, waits until
# it is ready, runs the GraphQL-over-HTTP audit against it (audit.mjs), and stops it whatever
# happens. Installs the audit's npm packages (from package-lock.json) when they are missing.
set -euo pipefail
binary=$(realpath "$1")
here="$(cd "$(dirname "$0")" && pwd)"

if [ ! -d "$here/node_modules" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

scratch=$(mktemp -d)
server_pid=
stop() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$scratch"
}
trap stop EXIT

# A free port: bind port 0 and read back what the kernel chose.
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => {
    console.log(s.address().port); s.close(); })')
# The audit sends its requests all at once: no rate limit, and only the schema (no data) needed.
(cd "$scratch" && exec env -i PATH="$PATH" HOME="$scratch" \
    DATABASE_URL="$scratch/audit.db" HOST=127.0.0.1 PORT="$port" GOALLINE_SEED=false \
    GOALLINE_RATE_LIMIT=0 RUST_LOG=warn "$binary") >"$scratch/server.log" 2>&1 &
server_pid=$!

ready=
for _ in $(seq 1 100); do
    if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
        "http://127.0.0.1:$port/health/ready"; then
        ready=yes
        break
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
        break
    fi
    sleep 0.2
done
if [ -z "$ready" ]; then
    echo "goalline did not become ready on port $port; its log:" >&2
    cat "$scratch/server.log" >&2
    exit 1
fi

node "$here/audit.mjs" "http://127.0.0.1:$port/graphql"
