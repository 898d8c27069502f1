# One output type per stream, and pipeline input where PowerShell users expect it.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Import-TraktTestModule
    $simulator = Start-TraktSimulator
    Invoke-TraktSimulator $simulator Post history/seed -Query @{ count = 30; seed = 5 } | Out-Null
    $environment = New-TraktTestEnvironment -Simulator $simulator -Connect
    $columns = 'HistoryId', 'WatchedAt', 'Type', 'Title', 'Year', 'ShowTitle', 'Season', 'Episode', 'RuntimeMinutes',
        'IsRewatch', 'Action', 'TraktId', 'ShowTraktId', 'Slug', 'ImdbId', 'TmdbId', 'TvdbId'
}

AfterAll {
    Remove-TraktTestEnvironment $environment
    Stop-TraktSimulator $simulator
}

Describe 'Invoke-TraktBackfill -PassThru | Export-Csv' {
    It 'writes only WatchEvent rows; the summary goes to the information stream' {
        $csv = Join-Path $environment.Directory 'new.csv'

        Invoke-TraktBackfill -PassThru -InformationVariable info | Export-Csv -Path $csv

        $rows = Import-Csv -Path $csv
        $rows.Count | Should -Be 30
        (Get-Content -Path $csv -TotalCount 1) | Should -Be (($columns | ForEach-Object { "`"$_`"" }) -join ',')
        $rows | Where-Object { -not $_.HistoryId } | Should -BeNullOrEmpty
        @($rows.HistoryId | Sort-Object) | Should -Be @(Get-TraktHistory | ForEach-Object { "$($_.HistoryId)" } | Sort-Object)
        $summary = @($info | Where-Object Tags -Contains 'TraktTracker.SyncSummary' | ForEach-Object MessageData)
        $summary.Count | Should -Be 1
        $summary[0].Inserted | Should -Be 30
    }

    It 'writes only the summary without -PassThru' {
        $output = @(Invoke-TraktSync)
        $output.Count | Should -Be 1
        $output[0].GetType().FullName | Should -Be 'TraktTracker.Sync.SyncSummary'
    }
}

Describe 'Get-TraktHistory with stores piped in by StateDbPath' {
    It 'reads each store; a missing one is a non-terminating error that -ErrorAction decides about' {
        $missing = Join-Path $environment.Directory 'nowhere/state.db'
        $stores = [pscustomobject]@{ StateDbPath = $missing }, [pscustomobject]@{ StateDbPath = $environment.StateDbPath }

        $plays = $stores | Get-TraktHistory -ErrorVariable failures -ErrorAction SilentlyContinue

        @($plays).Count | Should -Be 30
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'TraktStateMissing,TraktTracker.Commands.GetTraktHistoryCommand'
        $failures[0].TargetObject | Should -Be $missing
        { $stores | Get-TraktHistory -ErrorAction Stop } | Should -Throw -ErrorId 'TraktStateMissing,*'
        Split-Path $missing | Should -Not -Exist
    }
}

Describe 'Get-TraktSchedule | Unregister-TraktSchedule' {
    BeforeAll {
        $savedCrontab = crontab -l 2>$null
    }

    AfterAll {
        if ($savedCrontab) { $savedCrontab | crontab - } else { crontab -r 2>$null }
    }

    It 'removes each piped entry, one job at a time' {
        Register-TraktSchedule -Backend Cron -SaveSettings | Out-Null
        $entries = Get-TraktSchedule -Backend Cron
        @($entries.Job) | Should -Be @('Sync', 'Reconcile')

        $entries | Where-Object Job -EQ 'Sync' | Unregister-TraktSchedule
        @((Get-TraktSchedule -Backend Cron).Job) | Should -Be @('Reconcile')

        $removed = Get-TraktSchedule -Backend Cron | Unregister-TraktSchedule -PassThru
        @($removed.Job) | Should -Be @('Reconcile')
        Get-TraktSchedule -Backend Cron | Should -BeNullOrEmpty
    }
}
