#!/usr/bin/env bash
# The test command (README): restores the pinned tools, builds, builds the module folder with build.ps1, runs the
# xunit projects and then the Pester suite in real pwsh. Needs influxd (Debian: apt-get install -y influxdb),
# crontab (apt-get install -y cron) and systemd-analyze (apt-get install -y systemd) on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in influxd crontab systemd-analyze; do
  command -v "$tool" >/dev/null 2>&1 || { echo "tests/run.sh: '$tool' is missing: run 'bash .ci/run' as root, or apt-get install -y influxdb cron systemd" >&2; exit 1; }
done

# PowerShell (.config/dotnet-tools.json) and Pester (tests/Pester/Pester.Restore.csproj), from NuGet.
dotnet tool restore >/dev/null
dotnet restore tests/Pester -nologo -v quiet

module_root="$PWD/out/test-module"
dotnet pwsh -NoProfile -NonInteractive -File build.ps1 -OutputRoot "$module_root" >/dev/null
dotnet build TraktTracker.sln -c Release -nologo -v quiet

mkdir -p out
rm -f out/*.Tests.log
status=0
dotnet test tests/TraktTracker.Tests -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee out/TraktTracker.Tests.log || status=1

dotnet pwsh -NoProfile -NonInteractive -File tests/Pester/Invoke-Tests.ps1 -ModuleRoot "$module_root" 2>&1 | tee out/Pester.Tests.log || status=1

# One closing line over xunit and Pester, in the form CI reads.
awk '/^ *Passed: *[0-9]+ *$/ { p += $2 } /^ *Failed: *[0-9]+ *$/ { f += $2 }
     /^pester: [0-9]+ passed, [0-9]+ failed$/ { p += $2; f += $4 }
     END { printf "tests: %d passed, %d failed\n", p, f }' out/*.Tests.log
exit $status
