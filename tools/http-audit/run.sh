#!/usr/bin/env bash
# Starts the goalline binary given as $1 on a throwaway SQLite file and a free port, waits until
# it is ready, runs the GraphQL-over-HTTP audit against it (audit.mjs), and stops it whatever
# happens. Installs the audit's npm packages (from package-lock.json) when they are missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../goalline-server.sh"

if [ ! -d "$here/node_modules" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The audit sends its requests all at once: no rate limit, and only the schema (no data) needed.
start_goalline "$1" GOALLINE_SEED=false GOALLINE_RATE_LIMIT=0
node "$here/audit.mjs" "$GOALLINE_URL/graphql"
