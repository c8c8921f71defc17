#!/usr/bin/env bash
# Restore, build and test exactly as CI does. Prints "N passed, N failed" as its last line.
# Extra arguments go to 'dotnet test' (e.g. ./build.sh --filter "FullyQualifiedName~Matching").
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet restore Interdict.slnx
dotnet build Interdict.slnx -c Release --no-restore

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Interdict.slnx -c Release --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Sum the per-assembly summaries: "Passed!  - Failed:     0, Passed:    92, Skipped:     0, Total:    92, ..."
passed=$(sed -n 's/.*Failed: *[0-9]*, Passed: *\([0-9]*\),.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
failed=$(sed -n 's/.*Failed: *\([0-9]*\), Passed: *[0-9]*,.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
skipped=$(sed -n 's/.*Failed: *[0-9]*, Passed: *[0-9]*, Skipped: *\([0-9]*\),.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The run failed without a failing test (a crash or a build problem): count it as a failure.
  failed=1
fi
echo
if [ "$skipped" -gt 0 ]; then
  # Skipped tests say why (no PostgreSQL, no Chromium, no RabbitMQ, no ../shared beside the clone); CI requires all four.
  echo "$skipped skipped, by test class (each says why when run alone):"
  grep -E '^  Skipped ' "$log" | sed -E 's/^  Skipped ([^ ]+)\.[^. ]+ \[.*$/\1/' | sort | uniq -c | sort -rn || true
fi
echo "$passed passed, $failed failed"
exit "$status"
