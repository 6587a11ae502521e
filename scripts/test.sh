#!/usr/bin/env bash
# What `npm test` runs (CONTRACT §1): every check and every test tier, in order of cost.
#   bash scripts/test.sh                 all steps
#   bash scripts/test.sh unit int-pglite only the named steps (names as in the summary)
#   RENKEI_TEST_FAIL_FAST=1 …            stop at the first failing step
# Every step runs even when an earlier one failed (one run shows every problem), unless the
# step depends on a failed one; the summary names each failing step and the exit code is non-zero.
set -euo pipefail

cd "$(dirname "$0")/.."
export CI="${CI:-1}"

all_steps=(chromium typecheck lint unit int-pglite postgres int-postgres build e2e)
if [[ $# -gt 0 ]]; then
  selected=("$@")
  for name in "${selected[@]}"; do
    if [[ ! " ${all_steps[*]} " == *" $name "* ]]; then
      echo "unknown step '$name' (steps: ${all_steps[*]})" >&2
      exit 2
    fi
  done
else
  selected=("${all_steps[@]}")
fi

declare -a summary_lines=()
log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT
declare -A outcome=()
failed=0
run_started=$SECONDS

is_selected() {
  [[ " ${selected[*]} " == *" $1 "* ]]
}

format_seconds() {
  printf '%dm%02ds' $(($1 / 60)) $(($1 % 60))
}

# run_step <name> <description> <command…>
run_step() {
  local name=$1 description=$2
  shift 2
  is_selected "$name" || return 0
  if [[ $failed -ne 0 && "${RENKEI_TEST_FAIL_FAST:-0}" == "1" ]]; then
    outcome[$name]=skipped
    summary_lines+=("$(printf '  %-13s %-8s %8s  %s' "$name" 'skipped' '-' "$description (an earlier step failed)")")
    return 0
  fi
  echo
  echo "================================================================================"
  echo "▶ [$name] $description"
  echo "  \$ $*"
  echo "================================================================================"
  local started=$SECONDS status=0
  # The output is kept so the summary can name the failing tests: CI shows only the end of a run.
  set +e
  "$@" 2>&1 | tee "$log_dir/$name.log"
  status=${PIPESTATUS[0]}
  set -e
  local elapsed=$((SECONDS - started))
  if [[ $status -eq 0 ]]; then
    outcome[$name]=passed
    echo "✔ [$name] passed in $(format_seconds "$elapsed")"
    summary_lines+=("$(printf '  %-13s %-8s %8s  %s' "$name" 'passed' "$(format_seconds "$elapsed")" "$description")")
  else
    outcome[$name]=failed
    failed=1
    echo "✘ [$name] FAILED (exit $status) after $(format_seconds "$elapsed")"
    summary_lines+=("$(printf '  %-13s %-8s %8s  %s' "$name" 'FAILED' "$(format_seconds "$elapsed")" "$description (exit $status)")")
  fi
}

skip_step() {
  local name=$1 description=$2 reason=$3
  is_selected "$name" || return 0
  outcome[$name]=failed
  failed=1
  echo
  echo "✘ [$name] not run: $reason"
  summary_lines+=("$(printf '  %-13s %-8s %8s  %s' "$name" 'FAILED' '-' "$description — not run: $reason")")
}

postgres_is_up() {
  if [[ -z "${RENKEI_TEST_POSTGRES_ADMIN_URL:-}" ]] && command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h 127.0.0.1 -p 5432 && return 0
  fi
  node -e "
    const pg = require('pg');
    const client = new pg.Client({ connectionString: process.env.RENKEI_TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', connectionTimeoutMillis: 3000 });
    client.connect().then(() => client.end()).then(() => process.exit(0), () => process.exit(1));
  " >/dev/null 2>&1
}

ensure_postgres() {
  if postgres_is_up; then
    echo "PostgreSQL: reachable at 127.0.0.1:5432"
    return 0
  fi
  echo "PostgreSQL: not reachable at 127.0.0.1:5432; trying to start the local cluster…"
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [[ ! -d /etc/postgresql ]]; then
    echo "PostgreSQL: no local cluster to start (pg_ctlcluster or /etc/postgresql missing)." >&2
    echo "            The int-postgres tests need PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth)," >&2
    echo "            or RENKEI_TEST_POSTGRES_ADMIN_URL pointing at one." >&2
    return 1
  fi
  local as_root=()
  if [[ "$(id -u)" -ne 0 ]] && command -v sudo >/dev/null 2>&1; then as_root=(sudo); fi
  local version
  for version in $(ls /etc/postgresql); do
    "${as_root[@]}" pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  local deadline=$((SECONDS + 30))
  while ((SECONDS < deadline)); do
    if postgres_is_up; then
      echo "PostgreSQL: started"
      return 0
    fi
    sleep 1
  done
  echo "PostgreSQL: still not reachable at 127.0.0.1:5432 after starting the cluster." >&2
  return 1
}

has_e2e_specs() {
  [[ -d e2e ]] && [[ -n "$(find e2e -name '*.spec.ts' -print -quit)" ]]
}

run_step chromium 'Debian chromium for the browser tests' bash scripts/ensure-chromium.sh
run_step typecheck 'TypeScript (server, tests, web)' npm run --silent typecheck
run_step lint 'ESLint + Prettier' npm run --silent lint
run_step unit 'unit tests (no I/O)' npx vitest run --project unit
run_step int-pglite 'API tests on PGlite' npx vitest run --project int-pglite
run_step postgres 'PostgreSQL at 127.0.0.1:5432' ensure_postgres
if [[ "${outcome[postgres]:-passed}" == "passed" ]]; then
  run_step int-postgres 'API tests on PostgreSQL' npx vitest run --project int-postgres
else
  skip_step int-postgres 'API tests on PostgreSQL' 'PostgreSQL is not reachable'
fi
run_step build 'production build (server + web)' npm run --silent build
if [[ "${outcome[chromium]:-passed}" != "passed" ]]; then
  skip_step e2e 'browser end-to-end tests' 'chromium is missing'
elif has_e2e_specs; then
  run_step e2e 'browser end-to-end tests' npx vitest run --project e2e
else
  # No spec files yet: vitest would fail with "No test files found".
  run_step e2e 'browser end-to-end tests (no specs in e2e/ yet)' npx vitest run --project e2e --passWithNoTests
fi

total=$((SECONDS - run_started))
echo
echo "================================================================================"
echo "Summary ($(format_seconds "$total") in all)"
printf '%s\n' "${summary_lines[@]}"
echo "================================================================================"
if [[ $failed -ne 0 ]]; then
  failing=()
  for name in "${all_steps[@]}"; do
    if [[ "${outcome[$name]:-}" == "failed" ]]; then
      failing+=("$name")
    fi
  done
  # The failing tests, short (vitest marks them FAIL / ×), so the last lines of a CI log say what broke.
  for name in "${failing[@]}"; do
    [[ -f "$log_dir/$name.log" ]] || continue
    sed -e 's/\x1b\[[0-9;]*m//g' "$log_dir/$name.log" |
      grep -E '^ *(FAIL |×|AssertionError|Error:)' | sort -u | head -n 8 | cut -c1-200 | sed "s/^ */  [$name] /" || true
  done
  echo "FAILED: ${failing[*]}"
  exit 1
fi
echo "All steps passed."
