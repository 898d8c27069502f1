# Invoke-TraktSync: new plays and rewatches after a backfill; one API call when nothing changed.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Import-TraktTestModule
    $bed = New-TraktTestBed -Backfill -Seed { param($sim) Invoke-TraktSimulator $sim Post history/seed -Query @{ count = 300; seed = 21 } }
    $simulator = $bed.Simulator
}

AfterAll {
    Remove-TraktTestBed $bed
}

Describe 'Invoke-TraktSync' {
    It 'stores a new play and a rewatch; -PassThru emits the new plays, the summary going to the information stream' {
        $seen = Get-TraktHistory -Type Movie | Select-Object -Last 1
        $now = [DateTimeOffset]::UtcNow
        $fresh = Invoke-TraktSimulator $simulator Post history/movie -Query @{ traktId = 77000001; title = 'Brand New'; year = 2026; watchedAt = $now.AddMinutes(-10).ToString('o') }
        $rewatch = Invoke-TraktSimulator $simulator Post history/movie -Query @{ traktId = $seen.TraktId; title = $seen.Title; year = $seen.Year; watchedAt = $now.AddMinutes(-2).ToString('o') }

        # Trakt's activity times have whole seconds: a sync in the second of the last change keeps no baseline.
        Start-Sleep -Milliseconds 1100
        $output = Invoke-TraktSync -PassThru -InformationVariable run

        $summary = $run.MessageData
        $summary.Operation, $summary.Skipped, $summary.Inserted, $summary.Deleted, $summary.ApiCalls | Should -Be 'Sync', $false, 2, 0, 3 -Because 'activities, the window, the count below it'
        $summary.DaysProjected | Should -Be 0
        $summary.DaysPending | Should -BeGreaterOrEqual 1 -Because 'InfluxDB is off: the touched day waits in the outbox'
        @($output | ForEach-Object HistoryId) | Should -Be @($rewatch.id, $fresh.id)
        (Get-TraktHistory -First 1).IsRewatch | Should -BeTrue
    }

    It 'is skipped by last activities with one API call when nothing changed' {
        Invoke-TraktSimulator $simulator Delete requests | Out-Null

        $again = Invoke-TraktSync

        $again.Skipped, $again.SkipReason, $again.ApiCalls | Should -Be $true, 'Trakt history unchanged (last activities)', 1
        @(Invoke-TraktSimulator $simulator Get requests).Count | Should -Be 1
    }
}
