# The module's error ids (ErrorIds.cs) as scripts meet them: `-ErrorAction Stop` and the fully qualified id. Ids
# that belong to one scenario are tested with it: TraktAuthenticationFailed (Connect-Trakt, Reset-TraktState),
# TraktStateCorrupt (Reset-TraktState), TraktScheduleInvalid (TraktSchedule). TraktSchedulerUnavailable needs a
# machine without pwsh or flock, so it stays in the hosted xunit tests (RegisterTraktScheduleCronTests), which can
# pretend one; TraktSchedulerFailed needs a failing crontab, TraktOperationStopped Ctrl+C and TraktUnexpectedError
# a bug: none can be provoked from a script.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Import-TraktTestModule
    $simulator = Start-TraktSimulator
    $influx = Start-TestInflux

    # InfluxDB settings for the test InfluxDB, with both measurements in $Database (which need not exist).
    function Use-TestInflux([string] $Database) {
        $env:ENABLE_INFLUX = 'true'
        $env:INFLUX_API = 'v1'
        $env:INFLUX_URL = $influx.Url
        $env:INFLUX_BUCKET_RAW = $env:INFLUX_BUCKET_AGG = $Database
    }
}

AfterAll {
    Stop-TestInflux $influx
    Stop-TraktSimulator $simulator
}

Describe 'Error ids' {
    BeforeEach { $environment = New-TraktTestEnvironment -Simulator $simulator }
    AfterEach { Remove-TraktTestEnvironment $environment }

    It 'TraktConfigurationInvalid for a bad setting, naming it, and no store is created' {
        $env:TIMEZONE = 'Mars/Olympus_Mons'

        { Invoke-TraktSync -ErrorAction Stop } |
            Should -Throw -ErrorId 'TraktConfigurationInvalid,TraktTracker.Commands.InvokeTraktSyncCommand' -ExpectedMessage "Invalid IANA time zone for TIMEZONE: 'Mars/Olympus_Mons'.*"
        $environment.StateDbPath | Should -Not -Exist
    }

    It 'TraktConfigurationInvalid for a missing -ConfigPath, resolved against the current location' {
        Push-Location $TestDrive
        try {
            { Get-TraktHistory -ConfigPath ./missing.toml -ErrorAction Stop } |
                Should -Throw -ErrorId 'TraktConfigurationInvalid,TraktTracker.Commands.GetTraktHistoryCommand' -ExpectedMessage "*$(Join-Path $TestDrive 'missing.toml')*"
        }
        finally {
            Pop-Location
        }
    }

    It 'TraktApiFailed when Trakt refuses the account' {
        Connect-TraktTestSession $simulator | Out-Null
        Invoke-TraktSimulator $simulator Post faults -Query @{ kind = 'status'; status = 420; path = '/sync/' } | Out-Null

        { Invoke-TraktBackfill -ErrorAction Stop } | Should -Throw -ErrorId 'TraktApiFailed,TraktTracker.Commands.InvokeTraktBackfillCommand'
    }

    It 'TraktStateLocked when another run holds the store past LOCK_TIMEOUT_SECONDS' {
        # A device flow holds the run lock until approved: here it never is, until the test is done.
        Invoke-TraktSimulator $simulator Put auth/device-flow -Body @{ interval = 1; pendingPolls = 100000 } | Out-Null
        $holder = Start-ThreadJob { Import-Module TraktTracker; Connect-Trakt }
        try {
            while (-not (Invoke-TraktSimulator $simulator Get requests | Where-Object path -eq '/oauth/device/code')) { Start-Sleep -Milliseconds 50 }
            $env:LOCK_TIMEOUT_SECONDS = '0.3'

            { Invoke-TraktSync -ErrorAction Stop } |
                Should -Throw -ErrorId 'TraktStateLocked,TraktTracker.Commands.InvokeTraktSyncCommand' -ExpectedMessage "Another TraktTracker run is using $($environment.StateDbPath)*waited 0.3 s*"
        }
        finally {
            Invoke-TraktSimulator $simulator Put auth/device-flow -Body @{ pendingPolls = 0 } | Out-Null
            $holder | Wait-Job -Timeout 30 | Remove-Job -Force
        }
    }

    It 'TraktStateMissing when Update-TraktInflux has no store to rebuild from, and creates none' {
        Use-TestInflux 'trakt'

        { Update-TraktInflux -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'TraktStateMissing,TraktTracker.Commands.UpdateTraktInfluxCommand' -ExpectedMessage '*nothing to rebuild InfluxDB from*'
        $environment.StateDbPath | Should -Not -Exist
    }

    It 'TraktInfluxFailed when the InfluxDB database does not exist' {
        Connect-TraktTestSession $simulator | Out-Null
        Use-TestInflux 'no_such_database'

        { Update-TraktInflux -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'TraktInfluxFailed,TraktTracker.Commands.UpdateTraktInfluxCommand' -ExpectedMessage '*database not found: no_such_database*'
    }

    It 'binding errors name the parameter: <Script>' -ForEach @(
        @{ Script = 'Get-TraktHistory -Type Film'; Id = 'ParameterArgumentValidationError,TraktTracker.Commands.GetTraktHistoryCommand' }
        @{ Script = 'Get-TraktHistory -First 0'; Id = 'ParameterArgumentValidationError,TraktTracker.Commands.GetTraktHistoryCommand' }
        @{ Script = "Get-TraktHistory -Title ''"; Id = 'ParameterArgumentValidationError,TraktTracker.Commands.GetTraktHistoryCommand' }
        @{ Script = "Get-TraktHistory -After 'not a date'"; Id = 'CannotConvertArgumentNoMessage,TraktTracker.Commands.GetTraktHistoryCommand' }
        @{ Script = 'Connect-Trakt -AuthCode abc -RefreshToken def'; Id = 'AmbiguousParameterSet,TraktTracker.Commands.ConnectTraktCommand' }
        @{ Script = "Invoke-TraktSync -StateDbPath ''"; Id = 'ParameterArgumentValidationError,TraktTracker.Commands.InvokeTraktSyncCommand' }
    ) {
        { & ([scriptblock]::Create($Script)) } | Should -Throw -ErrorId $Id
    }
}
