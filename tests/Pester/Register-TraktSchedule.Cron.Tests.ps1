# A schedule that cannot run is never registered silently: the settings check, -SaveSettings, and a
# real cron daemon running the registered entry once, writing a plain-text log.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Import-TraktTestModule
    $simulator = Start-TraktSimulator
    $savedCrontab = crontab -l 2>$null
}

AfterAll {
    if ($savedCrontab) { $savedCrontab | crontab - } else { crontab -r 2>$null }
    Stop-TraktSimulator $simulator
}

Describe 'Register-TraktSchedule with settings only in $env:' {
    BeforeEach {
        $environment = New-TraktTestEnvironment -Simulator $simulator
        $crontab = (crontab -l 2>$null) -join "`n"
    }

    AfterEach {
        Unregister-TraktSchedule -Backend Cron
        Remove-TraktTestEnvironment $environment
    }

    It 'refuses, naming the missing settings and the fix, and installs nothing' {
        $record = { Register-TraktSchedule -Backend Cron -ErrorAction Stop } |
            Should -Throw -ErrorId 'TraktConfigurationInvalid,TraktTracker.Commands.RegisterTraktScheduleCommand' -PassThru

        $record.Exception.Message | Should -BeLike 'Scheduled runs would not find TRAKT_CLIENT_ID, TRAKT_CLIENT_SECRET,*-SaveSettings*'
        $record.TargetObject | Should -Be 'TRAKT_CLIENT_ID'
        (crontab -l 2>$null) -join "`n" | Should -Be $crontab
    }

    It 'with -SaveSettings writes them into a private config file that the entries read' {
        $entries = Register-TraktSchedule -Backend Cron -SaveSettings

        $file = Join-Path $environment.Directory 'config/trakt-tracker/schedule.toml'
        (Get-Item $file).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
        $saved = Get-Content $file -Raw
        $saved | Should -BeLike "*TRAKT_CLIENT_ID = `"$($simulator.ClientId)`"*"
        $saved | Should -BeLike "*TRAKT_API_URL = `"$($simulator.Url)`"*"
        # The crontab line quotes the -Command script for sh, so its own quotes appear as '\''.
        $entries | ForEach-Object { $_.Command | Should -BeLike "*-ConfigPath *$file*" }
        $entries | ForEach-Object { $_.Command | Should -BeLike "*-Command *`$PSStyle.OutputRendering = *PlainText*; Import-Module *" }
    }
}

Describe 'The registered entry, run by a real cron daemon' {
    BeforeAll {
        Invoke-TraktSimulator $simulator Post history/seed -Query @{ count = 12; seed = 4 } | Out-Null
        $environment = New-TraktTestEnvironment -Simulator $simulator -Backfill
        Invoke-TraktSimulator $simulator Post history/movie -Query @{ traktId = 7001; title = 'Cron Film'; year = 2026; watchedAt = [DateTimeOffset]::UtcNow.ToString('o') } | Out-Null

        # The pinned pwsh is a .NET tool without an apphost: a two-line launcher stands in for it.
        $pwsh = Join-Path $environment.Directory 'pwsh'
        $commandLine = (Get-PwshCommandLine | ForEach-Object { "'$_'" }) -join ' '
        Set-Content -Path $pwsh -Value "#!/bin/sh`nexec $commandLine `"`$@`""
        chmod +x $pwsh

        Register-TraktSchedule -Backend Cron -SyncCron '* * * * *' -SaveSettings -ExecutablePath $pwsh | Out-Null
        $log = (Get-TraktSchedule -Backend Cron | Where-Object Job -EQ Sync).LogPath

        # cron is started here unless one already runs (another test's, or the machine's).
        $cron = $null
        if (-not (Get-Process -Name cron -ErrorAction SilentlyContinue)) {
            $cron = Start-Process -FilePath cron -ArgumentList '-f' -PassThru
        }
    }

    AfterAll {
        if ($cron) { Stop-Process -Id $cron.Id; $cron.WaitForExit() }
        Unregister-TraktSchedule -Backend Cron
        Remove-TraktTestEnvironment $environment
    }

    It 'syncs within two minutes and logs plain text' {
        $deadline = [DateTime]::UtcNow.AddSeconds(150)
        while (-not ((Test-Path $log) -and (Get-Content $log -Raw) -match '(?m)^Sync\s+\d+\s+1\s') -and [DateTime]::UtcNow -lt $deadline) {
            Start-Sleep -Seconds 2
        }

        $text = Get-Content $log -Raw
        $text | Should -Match '(?m)^Sync\s+\d+\s+1\s'
        $text | Should -Not -Match "`e"
        Get-TraktHistory -Title 'Cron Film' | Should -Not -BeNullOrEmpty
    }
}
