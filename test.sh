#!/usr/bin/env bash
# Runs every test of CapacityConsole on a fresh machine:
#   1. installs what is missing from Debian packages (PostgreSQL, Chromium),
#   2. starts a throwaway PostgreSQL cluster on a loopback port,
#   3. runs `dotnet test` for the whole solution (NuGet restore included),
#   4. stops the cluster, also on failure, and prints "N passed, N failed" and where the results are
#      (trx files and browser screenshots, kept in TestResults/run-<time> or $CAPACITY_TEST_RESULTS).
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# Another install (unattended-upgrades, a second test run) may hold the dpkg/apt locks: wait for
# it, bounded, instead of failing at once with "Could not get lock".
wait_for_dpkg_lock() {
  local waited=0 limit=${CAPACITY_DPKG_LOCK_WAIT:-300}
  command -v fuser >/dev/null 2>&1 || return 0
  while as_root fuser /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock >/dev/null 2>&1; do
    if [ "$waited" -ge "$limit" ]; then
      echo "test.sh: another package install still holds the dpkg lock after ${limit}s; try again when it is done" >&2
      exit 1
    fi
    [ "$waited" -eq 0 ] && echo "test.sh: waiting (up to ${limit}s) for another package install to release the dpkg lock"
    sleep 5; waited=$(( waited + 5 ))
  done
}

missing=()
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]} from Debian packages"
  wait_for_dpkg_lock
  lock_wait=(-o "DPkg::Lock::Timeout=${CAPACITY_DPKG_LOCK_WAIT:-300}")
  as_root apt-get "${lock_wait[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get "${lock_wait[@]}" install -y -qq "${missing[@]}" >/dev/null
fi
PGBIN=$(pg_bin)

work=$(mktemp -d /tmp/capacityconsole-test.XXXXXX)
export PGDATA="$work/pgdata" PGSOCK="$work/sock"
mkdir -p "$PGDATA" "$PGSOCK"
chmod 755 "$work"

# PostgreSQL refuses to run as root: run it as the postgres user when we are root.
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$PGDATA" "$PGSOCK"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi
chmod 700 "$PGDATA"

cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

as_pg "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres >/dev/null
# A random loopback port can be taken by then (once seen on a clean CI machine: "could not start
# server"), so a refused start tries another port; the third refusal shows the server's own words.
for attempt in 1 2 3; do
  PGPORT=${CAPACITY_TEST_PGPORT:-$(( 40000 + RANDOM % 20000 ))}
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGSOCK/pg.log" -w start \
    -o "-p $PGPORT -k $PGSOCK -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" >/dev/null && break
  if [ "$attempt" -eq 3 ]; then
    echo "test.sh: PostgreSQL did not start; its log ends:" >&2
    tail -n 20 "$PGSOCK/pg.log" >&2
    exit 1
  fi
done
echo "test.sh: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"
export CAPACITY_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Pooling=true"

# Results outlive the run (the work folder with the cluster is removed): trx files and screenshots.
results=${CAPACITY_TEST_RESULTS:-$PWD/TestResults/run-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$results"
results=$(cd "$results" && pwd)
export CAPACITY_E2E_SCREENSHOTS="$results/screenshots"
status=0
dotnet test CapacityConsole.sln --logger "trx" --results-directory "$results" "$@" || status=$?

# One total line over every test assembly's trx file.
passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$(( passed + ${p:-0} )); failed=$(( failed + ${f:-0} ))
done
echo "test.sh: test results (trx per test project, browser screenshots) are in $results"
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
