#!/usr/bin/env bash
# Per-type precision and recall of Mamori's detectors over the attack lab's captures (issue #4).
#
#   sudo bench/lab-eval.sh
#
# Records any lab scenario whose capture is not cached yet (tests/lab, needs root and the packages of
# tests/lab/install-deps.sh), runs every capture through the sensor pipeline (capture -> traffic
# engine -> events -> detectors) and judges each alert against the scenario's truth file. Prints the
# table that tests/Mamori.Sensor.Tests/Lab/LabPrecisionRecallTests.cs writes to artifacts/lab/lab-eval.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export MAMORI_TEST_REQUIRE_ALL=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
report=artifacts/lab/lab-eval.md
rm -f "$report"
status=0
timeout 1800 dotnet test tests/Mamori.Sensor.Tests \
  --filter "FullyQualifiedName~LabPrecisionRecallTests" --logger "console;verbosity=minimal" >&2 || status=$?
if [[ ! -f $report ]]; then
  echo "lab-eval: no figures were produced (see the test output above)" >&2
  exit 1
fi
cat "$report"
exit "$status"
