#!/usr/bin/env bash
# Runs every test: unit, grain (Orleans TestCluster on PostgreSQL), API and end-to-end (the whole AppHost).
# Each test run starts its own throwaway PostgreSQL; nothing else is needed on the machine.
set -euo pipefail
cd "$(dirname "$0")"

bash ./build/install-prerequisites.sh
if [ -f .config/dotnet-tools.json ]; then dotnet tool restore >/dev/null; fi

mkdir -p test-output
set +e
dotnet test Avenir.sln -c Release --logger "console;verbosity=normal" --results-directory test-output 2>&1 | tee test-output/test.log
status=${PIPESTATUS[0]}
set -e

# The failures last, where a CI log's tail shows them: each failed test's name and the first lines of its error.
if grep -qE '^ +Failed [A-Za-z_]' test-output/test.log; then
  echo "Failed tests:"
  awk '/^ +Failed [A-Za-z_]/ { n = 9 } n > 0 { print; n-- }' test-output/test.log | cut -c1-300 | head -n 80
fi

# One closing line CI can read: "N passed, N failed".
awk '/^ *Passed: [0-9]+ *$/ { p += $2 } /^ *Failed: [0-9]+ *$/ { f += $2 } /^Test Run Aborted/ { f += 1 }
     END { printf "%d passed, %d failed\n", p, f }' test-output/test.log
exit "$status"
