#!/usr/bin/env bash
# The fleet test (issue 20 part 10): a real PostgreSQL (scripts/postgres.sh), HAProxy 2.6 on loopback (round robin,
# no affinity, /healthz checks) in front of three `kami serve --http --stateless` replicas, each with its own empty
# KAMI_HOME and the same token; a fourth empty home is the admin shell. scripts/fleet/driver.mjs then, with the
# official TypeScript MCP SDK: installs a tool and sees it on every replica within 1 s; measures one replica directly
# against three through HAProxy; drives FLEET_CALLS calls at 32-way through HAProxy while one replica is killed
# with SIGKILL and PostgreSQL is restarted (down 3 s; an install meanwhile must fail with one line); uninstalls and
# sees the tool leave every live replica; checks that every answered call is in the audit log (kami logs --json).
# Exit status 0 only if every check passed.
#
# On a fresh Debian machine it installs what it needs: haproxy and postgresql (apt-get, as root or with sudo) and
# @modelcontextprotocol/sdk (npm, into .cache/fleet). kami: $KAMI_FLEET_BINARY, else $KAMI_TEST_BINARY (CI's
# NativeAOT kami), else a Release build of src/Kami.Cli run with dotnet.
#   FLEET_CALLS (10000)  FLEET_CONCURRENCY (32)  FLEET_SPEED_CALLS (2000)  FLEET_PACKAGE (examples/echo)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
SDK_VERSION="1.32.2"
cache="$root/.cache/fleet"
log() { printf 'fleet: %s\n' "$*" >&2; }

# 1. What the test needs, installed if missing.
apt_install() {
  local runner=()
  [[ $(id -u) -eq 0 ]] || runner=(sudo -n)
  log "installing $* with apt-get"
  "${runner[@]}" apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive "${runner[@]}" apt-get install -y -qq "$@" >/dev/null
}
command -v haproxy >/dev/null || [[ -x /usr/sbin/haproxy ]] || apt_install haproxy
haproxy="$(command -v haproxy || echo /usr/sbin/haproxy)"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql
command -v node >/dev/null || { log "error: node (20 or later) is required"; exit 1; }
sdk_installed() { sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$cache/node_modules/@modelcontextprotocol/sdk/package.json" 2>/dev/null | head -n1; }
if [[ "$(sdk_installed)" != "$SDK_VERSION" ]]; then
  log "installing @modelcontextprotocol/sdk@$SDK_VERSION into $cache"
  mkdir -p "$cache"
  [[ -f "$cache/package.json" ]] || printf '{ "name": "kami-fleet-test", "private": true }\n' > "$cache/package.json"
  npm install --prefix "$cache" --no-audit --no-fund --loglevel=error "@modelcontextprotocol/sdk@$SDK_VERSION" >&2
fi

if [[ -n "${KAMI_FLEET_BINARY:-${KAMI_TEST_BINARY:-}}" ]]; then
  kami=("${KAMI_FLEET_BINARY:-$KAMI_TEST_BINARY}")
else
  log "building kami (Release)"
  dotnet build src/Kami.Cli/Kami.Cli.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >&2
  kami=(dotnet "$root/artifacts/bin/Kami.Cli/release/kami.dll")
fi

# 2. The fleet. Everything lives in one temp directory; every process started here is stopped on exit, by its pid.
work="$(mktemp -d "${TMPDIR:-/tmp}/kami-fleet.XXXXXX")"
chmod 700 "$work"
pids=()
# The cluster runs as the postgres user when this runs as root, so it lives beside $work (0700), not in it.
pg_dir="$(mktemp -d -u "${TMPDIR:-/tmp}/kami-fleet-pg.XXXXXX")"
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  "$root/scripts/postgres.sh" stop "$pg_dir" >/dev/null 2>&1 || true
  if [[ "${FLEET_KEEP:-0}" == 1 ]]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

db="$(KAMI_POSTGRES_OWNER_PID=$$ "$root/scripts/postgres.sh" start "$pg_dir" 2>"$work/postgres-start.log" | tail -n 1)"
[[ "$db" == postgresql://* ]] || { log "error: PostgreSQL did not start:"; cat "$work/postgres-start.log" >&2; exit 1; }
log "PostgreSQL at $db"
export KAMI_FLEET_TOKEN="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
token_file="$work/token"
(umask 077 && printf '%s' "$KAMI_FLEET_TOKEN" > "$token_file")

replicas_json=""
haproxy_servers=""
for i in 1 2 3; do
  home="$work/home$i"
  port="$(free_port)"
  # Arguments kept in the audit log, so the driver can find every call it made there.
  KAMI_DB="$db" KAMI_REPLICA_ID="kami$i" KAMI_AUDIT_ARGUMENTS=true KAMI_LOG_LEVEL=warn \
    "${kami[@]}" serve --http "127.0.0.1:$port" --stateless --token-file "$token_file" --home "$home" \
    >"$work/replica$i.log" 2>&1 &
  pids+=("$!")
  replicas_json+="${replicas_json:+,}{\"name\":\"kami$i\",\"url\":\"http://127.0.0.1:$port/mcp\",\"pid\":$!}"
  haproxy_servers+="    server kami$i 127.0.0.1:$port check"$'\n'
done
for i in 1 2 3; do
  port="$(sed -n "s/.*\"name\":\"kami$i\",\"url\":\"http:\/\/127.0.0.1:\([0-9]*\).*/\1/p" <<<"$replicas_json")"
  for _ in $(seq 300); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    kill -0 "${pids[$((i - 1))]}" 2>/dev/null || { log "error: replica $i exited:"; cat "$work/replica$i.log" >&2; exit 1; }
    sleep 0.1
  done
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { log "error: replica $i not ready within 30 s"; cat "$work/replica$i.log" >&2; exit 1; }
done

# HAProxy as in docs/deployment.md, on loopback without TLS; checks every 500 ms so a dead replica leaves within about
# a second; a connection refused (the replica just died) is retried on another replica (redispatch). It names the
# replica that answered in X-Kami-Replica, so the driver can match calls to audit records.
lb_port="$(free_port)"
lb1_port="$(free_port)" # the first replica alone behind HAProxy: what the hop costs, apart from the replicas
cat >"$work/haproxy.cfg" <<EOF
global
    maxconn 4096
    log stdout format raw local0
defaults
    mode http
    log global
    log-format "fleet %[capture.req.hdr(0)] %b/%s %ST %tsc"
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout http-request 10s
    retries 3
    option redispatch 1
frontend mcp
    bind 127.0.0.1:$lb_port
    http-request capture req.hdr(x-fleet-call) len 40
    default_backend kami
backend kami
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz
    http-check expect status 200
    http-response set-header X-Kami-Replica %[srv_name]
    default-server inter 500ms fall 2 rise 2 maxconn 256
$haproxy_servers
frontend mcp_one
    bind 127.0.0.1:$lb1_port
    http-request capture req.hdr(x-fleet-call) len 40
    default_backend kami_one
backend kami_one
    http-response set-header X-Kami-Replica %[srv_name]
$(sed -n 1p <<<"$haproxy_servers" | sed 's/ check$//')
EOF
"$haproxy" -v | sed -n 1p >&2
"$haproxy" -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
pids+=("$!")
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$lb_port/healthz" 2>/dev/null && break; sleep 0.1; done

kami_json="$(printf '"%s",' "${kami[@]}")"
cat >"$work/config.json" <<EOF
{
  "tool": "${FLEET_TOOL:-dev.kami.echo}",
  "package": "${FLEET_PACKAGE:-$root/examples/echo}",
  "kami": [${kami_json%,}],
  "db": "$db",
  "adminHome": "$work/admin",
  "haproxy": "http://127.0.0.1:$lb_port/mcp",
  "haproxyOne": "http://127.0.0.1:$lb1_port/mcp",
  "haproxyLog": "$work/haproxy.log",
  "replicas": [$replicas_json],
  "postgresRestart": ["$root/scripts/postgres.sh", "restart", "$pg_dir", "3"],
  "postgresDownSeconds": 3,
  "outagePackage": "$root/examples/hash",
  "calls": ${FLEET_CALLS:-10000},
  "concurrency": ${FLEET_CONCURRENCY:-32},
  "speedCalls": ${FLEET_SPEED_CALLS:-2000},
  "warmupCalls": 200
}
EOF

status=0
KAMI_FLEET_NODE_MODULES="$cache/node_modules" node "$root/scripts/fleet/driver.mjs" fleet "$work/config.json" || status=$?
for i in 1 2 3; do
  # A replica that died on its own (not the one the driver killed) is a failure too.
  if [[ $i -lt 3 ]] && ! kill -0 "${pids[$((i - 1))]}" 2>/dev/null; then log "error: replica $i died"; status=1; fi
  if grep -qiE 'unhandled|fatal|crit' "$work/replica$i.log"; then log "replica $i logged:"; grep -iE 'unhandled|fatal|crit' "$work/replica$i.log" | head -n 5 >&2; fi
done
[[ $status -eq 0 ]] || { log "replica logs (last lines):"; for i in 1 2 3; do tail -n 15 "$work/replica$i.log" | sed "s/^/  kami$i: /" >&2; done; }
exit "$status"
