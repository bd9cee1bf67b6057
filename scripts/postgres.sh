#!/usr/bin/env bash
# A private, throwaway PostgreSQL cluster (Debian's postgresql package) for the tests and for trying a fleet by
# hand; never the system service. It listens on 127.0.0.1 only, at a free port, with trust auth for loopback.
#   scripts/postgres.sh start [DIR]   initdb into DIR (default: a fresh temp dir), start it, print the URI
#                                     (postgresql://kami@127.0.0.1:PORT/kami) as the last line of stdout
#   scripts/postgres.sh restart DIR [DOWN]   stop the cluster in DIR (fast: open connections are cut), stay down DOWN
#                                     seconds (default 0), start it again on the same port, as a failover or upgrade
#                                     would (scripts/fleet-test.sh)
#   scripts/postgres.sh stop DIR      stop the cluster in DIR and remove DIR
# As root, the cluster runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[[ -x "$bin/initdb" ]] || { echo "error: PostgreSQL is not installed; run guest/install-toolchain.sh (it installs Debian's postgresql package)" >&2; exit 1; }

as_owner() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

case "${1:-}" in
start)
    dir="${2:-$(mktemp -d -t kami-postgres.XXXXXX)}"
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U kami --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    for attempt in 1 2 3; do
        port="$(free_port)"
        # Loopback only, socket directory inside the cluster's own directory (not /var/run/postgresql).
        options="-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200"
        if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$options" start >/dev/null; then
            printf '%s\n' "$options" > "$dir/options"
            as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U kami kami
            # KAMI_POSTGRES_OWNER_PID: stop and remove the cluster once that process is gone (a test run that was killed).
            if [[ -n "${KAMI_POSTGRES_OWNER_PID:-}" ]]; then
                setsid nohup bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 2; done; "$2" stop "$3"' _ \
                    "$KAMI_POSTGRES_OWNER_PID" "$(readlink -f "${BASH_SOURCE[0]}")" "$dir" >/dev/null 2>&1 < /dev/null &
            fi
            echo "$dir" >&2
            echo "postgresql://kami@127.0.0.1:$port/kami"
            exit 0
        fi
    done
    cat "$dir/server.log" >&2
    exit 1
    ;;
restart)
    dir="${2:?usage: scripts/postgres.sh restart DIR}"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
    sleep "${3:-0}"
    # The options of its first start: same port, same socket directory.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(cat "$dir/options")" start >/dev/null
    ;;
stop)
    dir="${2:?usage: scripts/postgres.sh stop DIR}"
    [[ -d "$dir/data" ]] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: scripts/postgres.sh start [DIR] | restart DIR | stop DIR" >&2
    exit 2
    ;;
esac
