# Dependency isolation (README: Dependencies): a session that also uses another binary module with an older
# Microsoft.Data.Sqlite / SQLitePCLRaw works in either import order. Each order runs in a fresh pwsh, because
# assemblies never unload from a process.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Add-TraktTestModulePath

    # The neighbour as its vendor would ship it: a plain publish with its dependencies beside its dll.
    $neighbourRoot = Join-Path $TestDrive 'modules'
    $project = Join-Path $PSScriptRoot 'Fixtures/SqliteNeighbour'
    $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    $publish = & dotnet publish $project -c Release -r $rid --self-contained false -o (Join-Path $neighbourRoot 'SqliteNeighbour') -nologo 2>&1
    if ($LASTEXITCODE -ne 0) { throw "Building the neighbour module failed:`n$($publish -join "`n")" }

    $simulator = Start-TraktSimulator
    Invoke-TraktSimulator $simulator Post history/seed -Query @{ count = 120; seed = 11 } | Out-Null

    # What the child session reports: each module's result and every Microsoft.Data.Sqlite it loaded, with the
    # load context it lives in.
    $report = @'
[pscustomobject]@{
    Neighbour = (Get-NeighbourSqlite).DataSqliteVersion
    Plays     = @(Get-TraktHistory).Count
    Loaded    = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Data.Sqlite' } |
        ForEach-Object { '{0} in {1}' -f $_.GetName().Version.ToString(2), [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name } | Sort-Object)
} | ConvertTo-Json -Compress
'@

    function Invoke-BothModules([string] $Order) {
        $token = (Invoke-TraktSimulator $simulator Post auth/tokens).refreshToken
        $useNeighbour = 'Import-Module SqliteNeighbour; Get-NeighbourSqlite | Out-Null'
        $useTrakt = "Import-Module TraktTracker; Connect-Trakt -RefreshToken '$token' | Out-Null; Invoke-TraktBackfill | Out-Null"
        $steps = if ($Order -eq 'NeighbourFirst') { $useNeighbour, $useTrakt } else { $useTrakt, $useNeighbour }
        $env:PSModulePath = $neighbourRoot + [IO.Path]::PathSeparator + $env:PSModulePath
        try {
            $run = Invoke-FreshPwsh -Command ('$ErrorActionPreference = ''Stop''; ' + ($steps -join '; ') + "`n" + $report)
        }
        finally {
            $env:PSModulePath = ($env:PSModulePath -split [IO.Path]::PathSeparator | Select-Object -Skip 1) -join [IO.Path]::PathSeparator
        }
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        $run.Output[-1] | ConvertFrom-Json
    }
}

AfterAll {
    Stop-TraktSimulator $simulator
}

Describe 'TraktTracker beside a module with another Microsoft.Data.Sqlite' {
    BeforeEach { $environment = New-TraktTestEnvironment -Simulator $simulator }
    AfterEach { Remove-TraktTestEnvironment $environment }

    It 'backfills after the other module was imported and used first' {
        $result = Invoke-BothModules -Order NeighbourFirst

        $result.Plays | Should -Be 120
        $result.Neighbour | Should -BeLike '8.0.*'
        $result.Loaded | Should -Be @('10.0 in TraktTracker.Engine', '8.0 in Default')
    }

    It 'lets the other module work after TraktTracker was imported and used first' {
        $result = Invoke-BothModules -Order TraktTrackerFirst

        $result.Plays | Should -Be 120
        $result.Neighbour | Should -BeLike '8.0.*'
        $result.Loaded | Should -Be @('10.0 in TraktTracker.Engine', '8.0 in Default')
    }
}
