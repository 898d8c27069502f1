# Invoke-TraktBackfill against the simulator: the complete history once, then skipped; -Force adds no duplicates.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Import-TraktTestModule
    $simulator = Start-TraktSimulator
    Invoke-TraktSimulator $simulator Post history/seed -Query @{ count = 600; seed = 8 } | Out-Null
    $truth = @(Invoke-TraktSimulator $simulator Get history)
}

AfterAll {
    Stop-TraktSimulator $simulator
}

Describe 'Invoke-TraktBackfill' {
    BeforeEach { $environment = New-TraktTestEnvironment -Simulator $simulator -Connect }
    AfterEach { Remove-TraktTestEnvironment $environment }

    It 'stores the complete history, then skips, and -Force fetches it again adding no duplicates' {
        $first = Invoke-TraktBackfill
        $again = Invoke-TraktBackfill
        $forced = Invoke-TraktBackfill -Force

        $first.Operation | Should -Be 'Backfill'
        $first.Fetched, $first.Inserted, $first.Duplicates, $first.ParseErrors | Should -Be 600, 600, 0, 0
        $first.ApiCalls | Should -Be 4
        $again.Skipped | Should -BeTrue
        $again.SkipReason | Should -BeLike 'Backfill already done*'
        $forced.Skipped, $forced.Fetched, $forced.Inserted, $forced.Duplicates | Should -Be $false, 600, 0, 600
        @(Get-TraktHistory | ForEach-Object HistoryId | Sort-Object) | Should -Be @($truth.id | Sort-Object)
    }

    It '-PassThru emits every new play, the summary going to the information stream; progress shows the pages' {
        $output = Invoke-TraktBackfill -PassThru -ProgressAction Continue -InformationVariable run

        $run.MessageData.Inserted | Should -Be 600
        @($output | ForEach-Object HistoryId | Sort-Object) | Should -Be @($truth.id | Sort-Object)
    }

    It 'stores the rest of a page whose one item is malformed, and counts the parse error' {
        Invoke-TraktSimulator $simulator Post faults -Query @{ kind = 'malformed'; path = '/sync/history' } | Out-Null

        $summary = Invoke-TraktBackfill

        $summary.Fetched, $summary.Inserted, $summary.ParseErrors | Should -Be 600, 599, 1
        @(Get-TraktHistory).Count | Should -Be 599
    }

    It 'survives a <fault> on a history page' -ForEach @(
        @{ fault = '502'; query = @{ kind = 'status'; status = 502; path = '/sync/history' } }
        @{ fault = 'connection reset'; query = @{ kind = 'reset'; path = '/sync/history' } }
    ) {
        Invoke-TraktSimulator $simulator Post faults -Query $query | Out-Null

        $summary = Invoke-TraktBackfill

        $summary.Inserted, $summary.ApiCalls | Should -Be 600, 5 -Because 'the failed request is retried and counted'
        @(Get-TraktHistory).Count | Should -Be 600
    }

    It 'retries a Cloudflare block when its Retry-After says, says so in an information record, and completes' {
        Invoke-TraktSimulator $simulator Post faults -Query @{ kind = 'cloudflare'; status = 429; retryAfter = 2; path = '/sync/history' } | Out-Null

        $summary = Invoke-TraktBackfill -InformationVariable run

        $summary.Inserted | Should -Be 600
        $wait = @($run | Where-Object { "$($_.MessageData)" -like 'Trakt GET /sync/history*HTTP 429 from Cloudflare*' })
        $wait.Count | Should -Be 1
        "$($wait[0].MessageData)" | Should -Match '^Trakt GET /sync/history\S*: .*; retry 1 of \d+ in 2(\.\d)? s \(at \d\d:\d\d:\d\d\)\.$'
    }
}
