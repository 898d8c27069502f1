#Requires -Version 7.4
<#
.SYNOPSIS
Runs the Pester suite (tests/Pester/*.Tests.ps1) against the built module, in this pwsh.

.DESCRIPTION
Imports Pester from the NuGet package that `dotnet restore tests/Pester` restored (the version pinned as
PesterVersion in Directory.Packages.props), puts the module root on $env:PSModulePath so tests import TraktTracker
by name, and runs every test file with detailed console output and an NUnit XML report. The last line is
`pester: N passed, N failed`, which tests/run.sh adds to its closing line; the exit code is the number of failed
tests (0: all passed).

.PARAMETER Path
Test files or folders to run; the whole suite by default.

.PARAMETER ModuleRoot
The folder holding TraktTracker/<version>/; out/test-module by default (tests/run.sh builds it there).

.EXAMPLE
dotnet pwsh -NoProfile -File tests/Pester/Invoke-Tests.ps1 -Path tests/Pester/Get-TraktHistory.Tests.ps1
#>
[CmdletBinding()]
param(
    [string[]] $Path = @($PSScriptRoot),

    [string] $ModuleRoot = (Join-Path $PSScriptRoot '../../out/test-module')
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$repoRoot = Join-Path $PSScriptRoot '../..' -Resolve
$props = [xml](Get-Content -Raw -Path (Join-Path $repoRoot 'Directory.Packages.props'))
$pesterVersion = $props.Project.PropertyGroup.PesterVersion
$packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
$pesterManifest = Join-Path $packages "pester/$pesterVersion/tools/Pester.psd1"
if (-not (Test-Path $pesterManifest)) {
    throw "Pester $pesterVersion is not restored ($pesterManifest): run 'dotnet restore tests/Pester' first."
}
Import-Module $pesterManifest -Force
Write-Verbose "Pester $pesterVersion from $pesterManifest"

$env:TRAKTTRACKER_MODULE_ROOT = (Resolve-Path $ModuleRoot).Path
Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
Add-TraktTestModulePath

$outDir = Join-Path $repoRoot 'out'
New-Item -ItemType Directory -Force -Path $outDir | Out-Null
$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.Output.CIFormat = 'None'
# Colour codes only for a terminal: CI logs and redirected output stay plain text.
$configuration.Output.RenderMode = if ([Console]::IsOutputRedirected) { 'Plaintext' } else { 'Auto' }
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = Join-Path $outDir 'pester-results.xml'

$result = Invoke-Pester -Configuration $configuration
# Skipped and not-run tests are neither: a file that failed in BeforeAll counts as failed containers.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
"pester: $($result.PassedCount) passed, $failed failed"
exit $failed
