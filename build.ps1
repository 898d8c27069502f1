#Requires -Version 7.4
<#
.SYNOPSIS
Builds the TraktTracker module folder: <OutputRoot>/TraktTracker/<version>/.

.DESCRIPTION
Runs `dotnet publish src/TraktTracker` into a clean versioned folder, the layout PowerShell expects under a
PSModulePath entry. The version is the one <ModuleVersion> of Directory.Build.props. The folder holds the
manifest, the cmdlet assembly, the format file and the help; the engine and its dependencies, with native SQLite
for linux-x64, linux-arm64, osx-x64, osx-arm64 and win-x64, are in its Dependencies folder and load in the
module's own load context (README: Dependencies). Writes the module folder (a DirectoryInfo) to the pipeline.

.PARAMETER Configuration
The build configuration: Release (default) or Debug.

.PARAMETER OutputRoot
The folder that receives TraktTracker/<version>/; ./out beside this script by default.

.EXAMPLE
./build.ps1
Import-Module ./out/TraktTracker/0.1.0/TraktTracker.psd1

.EXAMPLE
./build.ps1 -OutputRoot ~/.local/share/powershell/Modules
Builds straight into your module path, so `Import-Module TraktTracker` finds it.
#>
[CmdletBinding()]
[OutputType([System.IO.DirectoryInfo])]
param(
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    [ValidateNotNullOrEmpty()]
    [string] $OutputRoot = (Join-Path $PSScriptRoot 'out')
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$props = [xml](Get-Content -Raw -Path (Join-Path $PSScriptRoot 'Directory.Build.props'))
$version = $props.SelectSingleNode('/Project/PropertyGroup/ModuleVersion')?.InnerText
if (-not $version) {
    throw "Directory.Build.props has no <ModuleVersion>: add it (e.g. <ModuleVersion>0.1.0</ModuleVersion>) and build again."
}

$root = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputRoot)
$moduleDir = Join-Path $root "TraktTracker/$version"
# A clean folder: files of an earlier build must not end up in this version's module.
if (Test-Path -LiteralPath $moduleDir) {
    Write-Verbose "Removing the earlier build in $moduleDir"
    Remove-Item -LiteralPath $moduleDir -Recurse -Force
}

$project = Join-Path $PSScriptRoot 'src/TraktTracker'
Write-Verbose "dotnet publish $project -c $Configuration -o $moduleDir"
& dotnet publish $project -c $Configuration -o $moduleDir -nologo | Out-Host
if ($LASTEXITCODE -ne 0) {
    throw "dotnet publish failed with exit code $LASTEXITCODE; the output above names the problem."
}

Get-Item -LiteralPath $moduleDir
