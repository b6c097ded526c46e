#!/usr/bin/env bash
# Starts the goalline binary given as $1 (on a throwaway SQLite file with the built-in 2022 data, a
# free port) and runs the end-to-end checks against it: GraphiQL in headless Chromium with every
# other host blocked (graphiql.mjs), Apollo Client running the README's queries (apollo.mjs), the
# same queries with a field that fails added, through Apollo Client and a Relay-style check (partial.mjs);
# then types generated from schema.graphql for those queries, checked by tsc. Stops the server
# whatever happens. Installs the npm packages (from package-lock.json) when they are missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../goalline-server.sh"

if [ ! -d "$here/node_modules" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The checks are written for the 2022 World Cup (Brazil's record there, say): the server loads
# it alone, not the whole history a default first start loads (tests/api/seed.rs covers that).
start_goalline "$1" GOALLINE_SEED=2022
node "$here/graphiql.mjs" "$GOALLINE_URL"
node "$here/apollo.mjs" "$GOALLINE_URL"
node "$here/partial.mjs" "$GOALLINE_URL"
stop_goalline
(cd "$here" && npm run -s types)
