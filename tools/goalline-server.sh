# Sourced by the tools' run.sh scripts: `start_goalline BINARY [VARIABLE=VALUE...]` starts the
# goalline binary on a throwaway SQLite file and a free port, with only the given settings
# besides those, waits until it is ready, and sets GOALLINE_URL (http://127.0.0.1:PORT). The
# server is stopped and its files removed when the calling script exits, whatever happens.

goalline_scratch=
goalline_pid=

stop_goalline() {
    if [ -n "$goalline_pid" ]; then
        kill "$goalline_pid" 2>/dev/null || true
        wait "$goalline_pid" 2>/dev/null || true
        goalline_pid=
    fi
    if [ -n "$goalline_scratch" ]; then
        rm -rf "$goalline_scratch"
        goalline_scratch=
    fi
}

start_goalline() {
    local binary port
    binary=$(realpath "$1")
    shift
    goalline_scratch=$(mktemp -d)
    trap stop_goalline EXIT

    # A free port: bind port 0 and read back what the kernel chose.
    port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => {
        console.log(s.address().port); s.close(); })')
    (cd "$goalline_scratch" && exec env -i PATH="$PATH" HOME="$goalline_scratch" \
        DATABASE_URL="$goalline_scratch/goalline.db" HOST=127.0.0.1 PORT="$port" \
        RUST_LOG=warn "$@" "$binary") >"$goalline_scratch/server.log" 2>&1 &
    goalline_pid=$!
    GOALLINE_URL="http://127.0.0.1:$port"

    # A first start loads the whole built-in history: seconds in a release build, about a
    # minute in a debug build on 2 cores.
    for _ in $(seq 1 900); do
        if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
            "$GOALLINE_URL/health/ready"; then
            return 0
        fi
        if ! kill -0 "$goalline_pid" 2>/dev/null; then
            break
        fi
        sleep 0.2
    done
    echo "goalline did not become ready on port $port; its log:" >&2
    cat "$goalline_scratch/server.log" >&2
    return 1
}
