#!/usr/bin/env bash
# Runs every test project of the solution and prints one closing line: "tests: N passed, N failed, N skipped".
# Usage: bash scripts/test.sh [extra dotnet test arguments]
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# One build of the whole solution (tests, examples, benchmarks), then the tests without rebuilding.
dotnet build ShapeBlock.sln --nologo -v quiet 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ]; then
  dotnet test ShapeBlock.sln --nologo --no-build "$@" 2>&1 | tee -a "$log"
  status=${PIPESTATUS[0]}
fi

# Benchmarks in short mode: they must run and print their figure (the numbers are not results here).
if [ "$status" -eq 0 ]; then
  dotnet run --no-build --project bench/ShapeBlock.Bench -- preview-200-apps --short 2>&1 | tee -a "$log" || status=1
  dotnet run --no-build --project bench/ShapeBlock.Bench -- noop-up-writes --short 2>&1 | tee -a "$log" || status=1
  dotnet run --no-build --project bench/ShapeBlock.Bench -- apps-converge --short 2>&1 | tee -a "$log" || status=1
  dotnet run --no-build --project bench/ShapeBlock.Bench -- noop-resync-writes --short 2>&1 | tee -a "$log" || status=1
  # Needs root and network namespaces for its sshd hosts; prints "skipped: <reason>" without them (about 30 s).
  dotnet run --no-build --project bench/ShapeBlock.Bench -- provision-parallel --short 2>&1 | tee -a "$log" || status=1
fi

# VSTest prints one summary per test assembly: "Passed!  - Failed: 0, Passed: 92, Skipped: 0, Total: 92, ..."
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- Failed:' "$log" | awk -F'[:,]' '
  { failed += $2; passed += $4; skipped += $6 }
  END { printf "%d %d %d\n", passed, failed, skipped }')
assemblies=$(grep -cE '^(Passed|Failed)! +- Failed:' "$log")

echo
echo "test assemblies: $assemblies"
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
