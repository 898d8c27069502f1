# Fixtures for the Pester suite: the module imported by name, the Trakt simulator as a process of its own, a real
# InfluxDB 1.6.7, and a private temp home with the settings of one test. Every Start-/New- has its Stop-/Remove-.
Set-StrictMode -Version Latest

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

<#
.SYNOPSIS
The folder that holds TraktTracker/<version>/ for the tests: $env:TRAKTTRACKER_MODULE_ROOT (tests/run.sh sets it)
or out/test-module. Put on $env:PSModulePath by Invoke-Tests.ps1, so tests import the module by name.
#>
function Get-TraktTestModuleRoot {
    [CmdletBinding()]
    [OutputType([string])]
    param()
    if ($env:TRAKTTRACKER_MODULE_ROOT) { return $env:TRAKTTRACKER_MODULE_ROOT }
    Join-Path $script:RepoRoot 'out/test-module'
}

<#
.SYNOPSIS
Puts the module root first on $env:PSModulePath (once), so `Import-Module TraktTracker` finds the built module.
#>
function Add-TraktTestModulePath {
    [CmdletBinding()]
    param()
    $root = Get-TraktTestModuleRoot
    if (-not (Test-Path (Join-Path $root 'TraktTracker'))) {
        throw "No built module under $root. Build it first: ./build.ps1 -OutputRoot $root (tests/run.sh does this)."
    }
    $paths = $env:PSModulePath -split [IO.Path]::PathSeparator
    if ($paths -notcontains $root) {
        $env:PSModulePath = (@($root) + $paths) -join [IO.Path]::PathSeparator
    }
}

<#
.SYNOPSIS
What every test file starts with: the module root on $env:PSModulePath and `Import-Module TraktTracker` by name,
into the session's global scope where the tests run.
#>
function Import-TraktTestModule {
    [CmdletBinding()]
    param()
    Add-TraktTestModulePath
    Import-Module TraktTracker -Global -Force
}

<#
.SYNOPSIS
Starts the Trakt simulator (tests/TraktTracker.Simulator, built by the solution build) on ephemeral ports.
.OUTPUTS
An object with Url (the API and OAuth base URL) and ControlUrl (see Invoke-TraktSimulator); pass it to
Stop-TraktSimulator.
#>
function Start-TraktSimulator {
    [CmdletBinding()]
    param()
    $dll = Join-Path $script:RepoRoot 'tests/TraktTracker.Simulator/bin/Release/net10.0/TraktTracker.Simulator.dll'
    if (-not (Test-Path $dll)) {
        throw "The simulator is not built: dotnet build tests/TraktTracker.Simulator -c Release"
    }
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('dotnet', [string[]]@($dll))
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($startInfo)
    $line = $process.StandardOutput.ReadLine()
    if (-not $line) {
        throw "The simulator exited before it listened (exit code $($process.ExitCode))."
    }
    $urls = $line | ConvertFrom-Json
    Write-Verbose "Trakt simulator at $($urls.url) (control $($urls.controlUrl))"
    [pscustomobject]@{
        PSTypeName = 'TraktTracker.Tests.Simulator'
        Url        = $urls.url
        ControlUrl = $urls.controlUrl
        ClientId   = 'sim-client-id'
        ClientSecret = 'sim-client-secret'
        Process    = $process
    }
}

function Stop-TraktSimulator {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Simulator)
    # Closing stdin ends the simulator (see its Program.cs).
    $Simulator.Process.StandardInput.Close()
    if (-not $Simulator.Process.WaitForExit(10000)) { $Simulator.Process.Kill() }
    $Simulator.Process.Dispose()
}

<#
.SYNOPSIS
Calls the simulator's control API: history/seed, history/movie, history/{id}, auth/tokens, auth/device-flow,
faults, requests, server-errors (tests/TraktTracker.Simulator/Control/ControlServer.cs lists them).
.EXAMPLE
Invoke-TraktSimulator $sim Post history/seed -Query @{ count = 50; seed = 1 }
#>
function Invoke-TraktSimulator {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] $Simulator,
        [Parameter(Mandatory, Position = 1)][ValidateSet('Get', 'Post', 'Put', 'Delete')] [string] $Method,
        [Parameter(Mandatory, Position = 2)] [string] $Path,
        [hashtable] $Query = @{},
        [hashtable] $Body
    )
    $pairs = foreach ($key in $Query.Keys) { "$key=$([uri]::EscapeDataString([string]$Query[$key]))" }
    $uri = $Simulator.ControlUrl + $Path + ($(if ($pairs) { '?' + ($pairs -join '&') }))
    $request = @{ Method = $Method; Uri = $uri }
    if ($Body) { $request.Body = $Body | ConvertTo-Json; $request.ContentType = 'application/json' }
    # Invoke-RestMethod writes a JSON array as one object; returning it from a variable writes its items.
    $answer = Invoke-RestMethod @request
    $answer
}

<#
.SYNOPSIS
A real InfluxDB 1.6.7 (Debian's influxd) in a temp folder, every listener on 127.0.0.1 and an ephemeral port.
.OUTPUTS
An object with Url; pass it to Stop-TestInflux.
#>
function Start-TestInflux {
    [CmdletBinding()]
    param()
    $influxd = Get-Command influxd -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $influxd) {
        throw "influxd is not installed: apt-get install -y influxdb (bash .ci/run does this)."
    }
    $dir = Join-Path ([IO.Path]::GetTempPath()) "trakttracker-influxd-$([guid]::NewGuid().ToString('N').Substring(0, 12))"
    New-Item -ItemType Directory -Path $dir | Out-Null
    $config = Join-Path $dir 'influxdb.conf'
    # The configuration the xunit fixture uses too (tests/TraktTracker.TestSupport/Influx/influxdb.conf).
    $template = Get-Content -Raw -Path (Join-Path $script:RepoRoot 'tests/TraktTracker.TestSupport/Influx/influxdb.conf')
    Set-Content -Path $config -Value $template.Replace('{{directory}}', $dir).Replace('{{port}}', '0').Replace('{{auth}}', 'false')
    $log = Join-Path $dir 'influxd.log'
    $process = Start-Process -FilePath $influxd.Source -ArgumentList 'run', '-config', $config -PassThru `
        -RedirectStandardError $log -RedirectStandardOutput (Join-Path $dir 'influxd.out')
    $deadline = [DateTime]::UtcNow.AddSeconds(20)
    $port = $null
    while (-not $port) {
        if ($process.HasExited) { throw "influxd exited during start-up: $(Get-Content $log -Raw)" }
        if ([DateTime]::UtcNow -gt $deadline) { throw "influxd did not listen within 20 s: $(Get-Content $log -Raw)" }
        $match = Select-String -Path $log -Pattern 'msg="Listening on HTTP".*addr=127\.0\.0\.1:(\d+)' | Select-Object -First 1
        if ($match) { $port = $match.Matches[0].Groups[1].Value } else { Start-Sleep -Milliseconds 50 }
    }
    $influx = [pscustomobject]@{
        PSTypeName = 'TraktTracker.Tests.Influx'
        Url        = "http://127.0.0.1:$port/"
        Directory  = $dir
        Process    = $process
    }
    while ((Invoke-WebRequest -Uri "$($influx.Url)ping" -SkipHttpErrorCheck -ErrorAction SilentlyContinue).StatusCode -ne 204) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "influxd did not answer /ping: $(Get-Content $log -Raw)" }
        Start-Sleep -Milliseconds 20
    }
    $influx
}

function Stop-TestInflux {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Influx)
    $Influx.Process.Kill()
    $Influx.Process.WaitForExit()
    Remove-Item -Recurse -Force -Path $Influx.Directory -ErrorAction SilentlyContinue
}

<#
.SYNOPSIS
Runs InfluxQL against the test InfluxDB and returns each row as an object (column names as properties).
#>
function Invoke-TestInfluxQuery {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Influx,
        [Parameter(Mandatory)] [string] $Query,
        [string] $Database
    )
    $form = @{ q = $Query }
    if ($Database) { $form.db = $Database }
    $answer = Invoke-RestMethod -Method Post -Uri "$($Influx.Url)query" -Body $form
    foreach ($result in $answer.results) {
        if ($result.PSObject.Properties['error']) { throw "InfluxQL '$Query' failed: $($result.error)" }
        if (-not $result.PSObject.Properties['series']) { continue }
        foreach ($series in $result.series) {
            foreach ($values in $series.values) {
                $row = [ordered]@{}
                for ($i = 0; $i -lt $series.columns.Count; $i++) { $row[$series.columns[$i]] = $values[$i] }
                [pscustomobject]$row
            }
        }
    }
}

# PowerShell passes $null to a .NET string parameter as '', which sets the variable to empty instead of removing it
# (and an empty numeric setting is an error), so unset ones are removed through the Env: drive.
function Set-TestEnvironmentVariable([string] $Name, $Value) {
    if ($null -eq $Value) { Remove-Item "Env:$Name" -ErrorAction Ignore }
    else { Set-Item "Env:$Name" $Value }
}

# Every setting the module reads from the environment, plus the folders that locate its default files: cleared
# for a test so nothing of the machine's or another test's leaks in, and restored afterwards.
$script:IsolatedVariables = @(
    'TRAKT_CLIENT_ID', 'TRAKT_CLIENT_SECRET', 'TRAKT_REFRESH_TOKEN', 'TRAKT_AUTH_CODE', 'TRAKT_API_URL', 'TRAKT_AUTH_URL',
    'TRAKT_MAX_RETRIES', 'TRAKT_RETRY_AFTER_MARGIN', 'TRAKT_MIN_REQUEST_INTERVAL_SECONDS', 'TRAKT_GET_LIMIT',
    'TRAKT_REQUEST_TIMEOUT_SECONDS', 'TRAKT_RETRY_BUDGET_SECONDS', 'INFLUX_RETRY_BUDGET_SECONDS', 'ENABLE_INFLUX', 'INFLUX_API',
    'INFLUX_URL', 'INFLUX_TOKEN', 'INFLUX_ORG', 'INFLUX_USERNAME', 'INFLUX_PASSWORD', 'INFLUX_BUCKET_RAW',
    'INFLUX_BUCKET_AGG', 'SYNC_CRON', 'RECONCILE_CRON', 'TIMEZONE', 'OVERLAP_HOURS', 'RECONCILE_DAYS',
    'RECONCILE_FULL_DAYS', 'STATE_DB_PATH', 'CONFIG_PATH', 'LOG_LEVEL', 'LOCK_TIMEOUT_SECONDS',
    'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME'
)

<#
.SYNOPSIS
A temp folder and the environment of one test: the XDG folders inside it (so the default state store, config and
logs are private), Trakt pointed at the simulator, InfluxDB off unless -Influx is given (then a fresh database
for both measurements, INFLUX_API=v1). With -Connect the store is connected (Connect-TraktTestSession), with
-Backfill connected and backfilled. Remove-TraktTestEnvironment restores the environment and deletes the folder.
.OUTPUTS
An object with Directory, StateDbPath, Database (with -Influx) and the saved environment.
#>
function New-TraktTestEnvironment {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Simulator,
        $Influx,
        [switch] $Connect,
        [switch] $Backfill
    )
    $saved = @{}
    foreach ($name in $script:IsolatedVariables) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        Set-TestEnvironmentVariable $name $null
    }
    $dir = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "tt-pester-$([guid]::NewGuid().ToString('N').Substring(0, 12))")).FullName
    $settings = @{
        XDG_DATA_HOME            = Join-Path $dir 'data'
        XDG_CONFIG_HOME          = Join-Path $dir 'config'
        XDG_STATE_HOME           = Join-Path $dir 'state'
        TRAKT_CLIENT_ID          = $Simulator.ClientId
        TRAKT_CLIENT_SECRET      = $Simulator.ClientSecret
        TRAKT_API_URL            = $Simulator.Url
        TRAKT_AUTH_URL           = $Simulator.Url
        TRAKT_RETRY_AFTER_MARGIN = '0'
        TIMEZONE                 = 'Europe/Berlin'
        ENABLE_INFLUX            = 'false'
    }
    $database = $null
    if ($Influx) {
        $database = "trakt_$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        Invoke-TestInfluxQuery -Influx $Influx -Query "CREATE DATABASE `"$database`"" | Out-Null
        $settings.ENABLE_INFLUX = 'true'
        $settings.INFLUX_API = 'v1'
        $settings.INFLUX_URL = $Influx.Url
        $settings.INFLUX_BUCKET_RAW = $database
        $settings.INFLUX_BUCKET_AGG = $database
    }
    foreach ($name in $settings.Keys) { [Environment]::SetEnvironmentVariable($name, $settings[$name]) }
    $environment = [pscustomobject]@{
        PSTypeName  = 'TraktTracker.Tests.Environment'
        Directory   = $dir
        StateDbPath = Join-Path $dir 'data/trakt-tracker/state.db'
        Database    = $database
        Saved       = $saved
    }
    try {
        if ($Connect -or $Backfill) { Connect-TraktTestSession $Simulator | Out-Null }
        if ($Backfill) { Invoke-TraktBackfill | Out-Null }
    }
    catch {
        # The caller gets no environment to remove, so a failed set-up cleans up after itself.
        Remove-TraktTestEnvironment $environment
        throw
    }
    $environment
}

function Remove-TraktTestEnvironment {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Environment)
    foreach ($name in $Environment.Saved.Keys) {
        Set-TestEnvironmentVariable $name $Environment.Saved[$name]
    }
    Remove-Item -Recurse -Force -Path $Environment.Directory -ErrorAction SilentlyContinue
}

<#
.SYNOPSIS
A simulator, seeded by -Seed (a script block given the simulator), a test environment whose store is connected
and, with -Backfill, backfilled: the set-up of most test files. Remove-TraktTestBed undoes it.
.OUTPUTS
An object with Simulator and Environment.
#>
function New-TraktTestBed {
    [CmdletBinding()]
    param(
        [scriptblock] $Seed = {},
        [switch] $Backfill
    )
    $simulator = Start-TraktSimulator
    & $Seed $simulator | Out-Null
    $environment = New-TraktTestEnvironment -Simulator $simulator -Connect -Backfill:$Backfill
    [pscustomobject]@{ PSTypeName = 'TraktTracker.Tests.Bed'; Simulator = $simulator; Environment = $environment }
}

function Remove-TraktTestBed {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Bed)
    Remove-TraktTestEnvironment $Bed.Environment
    Stop-TraktSimulator $Bed.Simulator
}

<#
.SYNOPSIS
Connects the current test environment's store: Connect-Trakt -RefreshToken with a fresh simulator session.
#>
function Connect-TraktTestSession {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Simulator)
    $tokens = Invoke-TraktSimulator $Simulator Post auth/tokens
    Connect-Trakt -RefreshToken $tokens.refreshToken
}

<#
.SYNOPSIS
Runs a command in a fresh `pwsh -NoProfile -NonInteractive` (the pwsh this session runs in), with this session's
environment (so the test module root is on its PSModulePath). Returns its output lines (errors included, as
plain text) and its exit code.
#>
function Invoke-FreshPwsh {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Command)
    $pwsh = Get-PwshCommandLine
    # Plain text: colour codes in error messages would garble assertions and the XML report.
    $noColor = $env:NO_COLOR
    $env:NO_COLOR = '1'
    try {
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $Command 2>&1
    }
    finally {
        $env:NO_COLOR = $noColor
    }
    [pscustomobject]@{ Output = @($output | ForEach-Object { "$_" }); ExitCode = $LASTEXITCODE }
}

<#
.SYNOPSIS
How to start the pwsh this session runs in: its apphost, or `dotnet pwsh.dll` when it runs as the .NET tool.
#>
function Get-PwshCommandLine {
    [CmdletBinding()]
    [OutputType([string[]])]
    param()
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @($process, (Join-Path $PSHOME 'pwsh.dll'))
    }
    @($process)
}

Export-ModuleMember -Function Get-TraktTestModuleRoot, Add-TraktTestModulePath, Import-TraktTestModule, Start-TraktSimulator,
    Stop-TraktSimulator, Invoke-TraktSimulator, Start-TestInflux, Stop-TestInflux, Invoke-TestInfluxQuery,
    New-TraktTestEnvironment, Remove-TraktTestEnvironment, New-TraktTestBed, Remove-TraktTestBed, Connect-TraktTestSession,
    Invoke-FreshPwsh, Get-PwshCommandLine
