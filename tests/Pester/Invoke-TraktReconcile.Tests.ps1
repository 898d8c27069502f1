# Invoke-TraktReconcile: a play deleted on Trakt goes, and the rewatch flags follow.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Import-TraktTestModule
    # Three movies watched four times each, nine hours apart.
    $bed = New-TraktTestBed -Backfill -Seed {
        param($sim)
        $now = [DateTimeOffset]::UtcNow
        foreach ($i in 0..11) {
            Invoke-TraktSimulator $sim Post history/movie -Query @{
                traktId = 500 + ($i % 3); title = "Movie $($i % 3)"; year = 2001; watchedAt = $now.AddHours(-9 * $i).ToString('o')
            }
        }
    }
    $simulator = $bed.Simulator
}

AfterAll {
    Remove-TraktTestBed $bed
}

Describe 'Invoke-TraktReconcile' {
    It 'removes the play deleted on Trakt and makes the next play of that title the first watch' {
        $firstWatch = Get-TraktHistory -Title 'Movie 0' | Select-Object -Last 1
        Invoke-TraktSimulator $simulator Delete "history/$($firstWatch.HistoryId)" | Out-Null

        $summary = Invoke-TraktReconcile

        $summary.Operation, $summary.Deleted, $summary.RewatchFlagsChanged, $summary.Inserted | Should -Be 'Reconcile', 1, 1, 0
        $left = @(Get-TraktHistory -Title 'Movie 0')
        $left.HistoryId | Should -Not -Contain $firstWatch.HistoryId
        $left.Count | Should -Be 3
        $left[-1].IsRewatch | Should -BeFalse
    }

    It '-Full diffs the whole history and finds nothing more to do' {
        $summary = Invoke-TraktReconcile -Full

        $summary.Deleted, $summary.Inserted | Should -Be 0, 0
    }
}
