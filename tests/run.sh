#!/usr/bin/env bash
# The test command (README): builds, publishes the module folder, runs every test project.
# Needs influxd (Debian: apt-get install -y influxdb), crontab (apt-get install -y cron) and systemd-analyze
# (apt-get install -y systemd) on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in influxd crontab systemd-analyze; do
  command -v "$tool" >/dev/null 2>&1 || { echo "tests/run.sh: '$tool' is missing: run 'bash .ci/run' as root, or apt-get install -y influxdb cron systemd" >&2; exit 1; }
done

module_dir="$PWD/out/test-module/TraktTracker"
rm -rf "$module_dir"
dotnet publish src/TraktTracker -c Release -o "$module_dir" -nologo -v quiet
dotnet build TraktTracker.sln -c Release -nologo -v quiet

export TRAKTTRACKER_MODULE_DIR="$module_dir"
status=0
for project in tests/TraktTracker.Tests tests/TraktTracker.Module.Tests; do
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "out/$(basename "$project").log" || status=1
done

# One closing line over all projects, in the form CI reads.
awk '/^ *Passed: *[0-9]+ *$/ { p += $2 } /^ *Failed: *[0-9]+ *$/ { f += $2 }
     END { printf "tests: %d passed, %d failed\n", p, f }' out/*.Tests.log
exit $status
