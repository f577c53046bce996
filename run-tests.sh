#!/usr/bin/env bash
# Runs every Mamori test: unit, integration (SQLite and a real PostgreSQL it starts itself),
# browser (Debian chromium), and the network lab (real programs in network namespaces).
# Installs what it needs when run as root; otherwise says exactly what to install.
# Ends with one line: "N passed, N failed[, N skipped]". Extra arguments go to `dotnet test`
# (e.g. ./run-tests.sh --filter "FullyQualifiedName~Sensor").
set -uo pipefail
cd "$(dirname "$0")"
root=$PWD
source scripts/prereqs.sh

mamori_require test
[ -x tests/lab/install-deps.sh ] && { tests/lab/install-deps.sh || mamori_die "network lab dependencies are missing (see above)"; }
mamori_npm

# Nothing skips silently in this run: a test whose prerequisite is missing fails.
export MAMORI_TEST_REQUIRE_ALL=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d /tmp/mamori-test.XXXXXX)
chmod 755 "$work"
cleanup() {
  [ -n "${pg_ctl:-}" ] && [ -d "$work/pg" ] && $pg_as "$pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1
  [ -d "$work/rabbitmq" ] && scripts/test-rabbitmq.sh stop "$work/rabbitmq" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT TERM

# --- PostgreSQL: a private, throwaway cluster on a free loopback port -------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pg_bin" ] || mamori_die "PostgreSQL server binaries not found (Debian package: postgresql)"
pg_ctl=$pg_bin/pg_ctl
if [ "$(id -u)" -eq 0 ]; then pg_as="runuser -u postgres --"; chown postgres "$work"; else pg_as=""; fi
$pg_as "$pg_bin/initdb" -D "$work/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; mamori_die "initdb failed"; }
pg_port=""
for port in $(seq 55400 55499); do
  if $pg_as "$pg_ctl" -D "$work/pg" -w -t 30 -l "$work/pg.log" \
       -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null 2>&1; then
    pg_port=$port; break
  fi
done
[ -n "$pg_port" ] || { cat "$work/pg.log" >&2; mamori_die "could not start PostgreSQL"; }
export MAMORI_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=unused;Include Error Detail=true"
mamori_log "PostgreSQL running on 127.0.0.1:$pg_port"

# --- RabbitMQ: a private node (own name, ports, data) for the ingest pipeline tests -------
MAMORI_TEST_RABBITMQ=$(scripts/test-rabbitmq.sh start "$work/rabbitmq") || mamori_die "could not start RabbitMQ (log: $work/rabbitmq/log)"
export MAMORI_TEST_RABBITMQ
mamori_log "RabbitMQ running at ${MAMORI_TEST_RABBITMQ#amqp://guest:guest@}"

# --- build and test ---------------------------------------------------------------------
mamori_log "building"
dotnet build Mamori.slnx -nologo -v quiet -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

results=$root/artifacts/test-results
rm -rf "$results"; mkdir -p "$results"
mamori_log "running tests"
dotnet test Mamori.slnx --no-build -nologo --results-directory "$results" \
  --logger "trx" --logger "console;verbosity=normal" --blame-hang-timeout 10m "$@" 2>&1 | tee "$work/test.log" \
  | grep -E --line-buffered '^\s*(Failed|Skipped) Mamori\.|^\s*(Passed!|Failed!) |Test Run Aborted|exited with error'
status=${PIPESTATUS[0]}

read -r passed failed skipped < <(
  for f in "$results"/*.trx; do [ -f "$f" ] && grep -o '<Counters [^>]*>' "$f"; done | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "=\""); v = kv[2]; sub(/".*/, "", v)
        if (kv[1] == "passed") p += v; else if (kv[1] == "failed") f += v; else if (kv[1] == "notExecuted") s += v } }
    END { printf "%d %d %d\n", p, f, s }')
if [ "$failed" -gt 0 ]; then
  # What each failed test said (message, first stack lines, its own output), so a CI log explains itself.
  mamori_log "failures:"
  awk '/^[[:space:]]*Failed Mamori\./ { n = 40; print; next }
       /^[[:space:]]*(Passed|Skipped) Mamori\./ || /^[[:space:]]*(Passed!|Failed!) / { n = 0 }
       n > 0 { print; n-- }' "$work/test.log"
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  mamori_log "dotnet test exited with $status without a failed test (a crashed or hung test host); counting it as a failure"
  grep -E 'crash|aborted|hang|Test Run Aborted' "$work/test.log" | head -20 >&2
  failed=1
fi
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
