# Register-, Get- and Unregister-TraktSchedule with the real crontab of the user running the tests (whatever was
# there is put back), and the registered entry run exactly as cron runs it.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Import-TraktTestModule
    $simulator = Start-TraktSimulator
    Invoke-TraktSimulator $simulator Post history/seed -Query @{ count = 40; seed = 17 } | Out-Null

    $savedCrontab = & crontab -l 2>$null
    $userLines = "# my own jobs", 'MAILTO=""', "0 * * * * /usr/local/bin/hourly 'keep me'"
    function Get-CrontabLine { @(& crontab -l 2>$null) }
}

AfterAll {
    if ($savedCrontab) { $savedCrontab | & crontab - } else { & crontab -r 2>$null }
    Stop-TraktSimulator $simulator
}

Describe 'Register-TraktSchedule -Backend Cron' {
    BeforeAll {
        $userLines | & crontab -
        $environment = New-TraktTestEnvironment -Simulator $simulator -Connect
        # A scheduled run sees no session variables: its settings come from the config.toml it is given.
        $config = Join-Path $environment.Directory 'config.toml'
        Set-Content -Path $config -Value @"
TRAKT_CLIENT_ID = "$($simulator.ClientId)"
TRAKT_CLIENT_SECRET = "$($simulator.ClientSecret)"
TRAKT_API_URL = "$($simulator.Url)"
TRAKT_AUTH_URL = "$($simulator.Url)"
ENABLE_INFLUX = "false"
SYNC_CRON = "15 */4 * * *"
"@
        $installed = @(Register-TraktSchedule -Backend Cron -ConfigPath $config -WarningAction SilentlyContinue)
    }
    AfterAll {
        Remove-TraktTestEnvironment $environment
    }

    It 'installs a sync and a reconcile entry in a marked block below the user''s own lines' {
        $installed.Job | Should -Be 'Sync', 'Reconcile'
        $installed.Cron | Should -Be '15 */4 * * *', '30 3 * * *'
        $lines = Get-CrontabLine
        $lines[0..2] | Should -Be $userLines
        $lines[3] | Should -BeLike '# >>> trakt-tracker: managed by Register-TraktSchedule*'
        $lines[-1] | Should -Be '# <<< trakt-tracker <<<'
        $lines | Should -Contain 'CRON_TZ=Europe/Berlin' -Because "the session's TIMEZONE wins over the config file"
    }

    It 'replaces its block when registering again' {
        $before = Get-CrontabLine

        Register-TraktSchedule -Backend Cron -ConfigPath $config -WarningAction SilentlyContinue | Out-Null

        Get-CrontabLine | Should -Be $before
    }

    It 'is listed by Get-TraktSchedule' {
        $listed = @(Get-TraktSchedule -Backend Cron)

        $listed.Job | Should -Be $installed.Job
        $listed.Cron | Should -Be $installed.Cron
        $listed.FileContent | Should -Be $installed.FileContent
    }

    It 'runs a sync when cron starts the entry''s pwsh -NoProfile -Command line, with cron''s bare environment' {
        $line = Get-CrontabLine | Where-Object { $_ -like '15 `*/4 `* `* `* *' }
        $line | Should -Match ' -NoProfile -NonInteractive -Command '
        # What cron does: the text after the five time fields, % unescaped, run by /bin/sh with HOME and a short PATH.
        $command = ($line -split ' ', 6)[5] -replace '\\%', '%'
        Invoke-TraktSimulator $simulator Post history/movie -Query @{ traktId = 88000001; title = 'Seen Tonight'; year = 2026; watchedAt = [DateTimeOffset]::UtcNow.AddMinutes(-5).ToString('o') } | Out-Null

        & env -i "HOME=$HOME" 'PATH=/usr/bin:/bin' /bin/sh -c $command
        $LASTEXITCODE | Should -Be 0

        (Get-TraktHistory -First 1).Title | Should -Be 'Seen Tonight'
        $log = Join-Path $environment.Directory 'state/trakt-tracker/logs/sync.log'
        Get-Content -Raw $log | Should -Match 'Sync'
    }

    It 'refuses an expression cron cannot express with TraktScheduleInvalid, changing nothing' {
        $before = Get-CrontabLine

        { Register-TraktSchedule -Backend Cron -ConfigPath $config -SyncCron '*/10 * * * * *' -ErrorAction Stop } |
            Should -Throw -ErrorId 'TraktScheduleInvalid,TraktTracker.Commands.RegisterTraktScheduleCommand' -ExpectedMessage '*six fields*'
        { Register-TraktSchedule -Backend Cron -ConfigPath $config -SyncCron '0 0 L * *' -ErrorAction Stop } |
            Should -Throw -ErrorId 'TraktScheduleInvalid,TraktTracker.Commands.RegisterTraktScheduleCommand' -ExpectedMessage "*cannot be scheduled with the Cron backend*"

        Get-CrontabLine | Should -Be $before
    }

    It 'refuses a cron expression no scheduler understands with TraktConfigurationInvalid naming the setting' {
        { Register-TraktSchedule -Backend Cron -ConfigPath $config -ReconcileCron 'at noon' -ErrorAction Stop } |
            Should -Throw -ErrorId 'TraktConfigurationInvalid,TraktTracker.Commands.RegisterTraktScheduleCommand' -ExpectedMessage "Invalid cron expression for RECONCILE_CRON: 'at noon'*"
    }

    It 'is removed by Unregister-TraktSchedule, leaving the user''s lines' {
        $removed = @(Unregister-TraktSchedule -Backend Cron -PassThru -Confirm:$false)

        $removed.Job | Should -Be $installed.Job
        Get-CrontabLine | Should -Be $userLines
        Get-TraktSchedule -Backend Cron | Should -BeNullOrEmpty
    }
}
