# Get-TraktHistory in the pipelines the README promises: filters, Export-Csv / Import-Csv, ConvertTo-Json, the table.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Import-TraktTestModule
    $bed = New-TraktTestBed -Backfill -Seed { param($sim) Invoke-TraktSimulator $sim Post history/seed -Query @{ count = 800; seed = 3 } }
    $simulator, $environment = $bed.Simulator, $bed.Environment
    $all = @(Get-TraktHistory)

    # The CSV columns, in this order: the README's contract.
    $columns = 'HistoryId', 'WatchedAt', 'Type', 'Title', 'Year', 'ShowTitle', 'Season', 'Episode', 'RuntimeMinutes',
        'IsRewatch', 'Action', 'TraktId', 'ShowTraktId', 'Slug', 'ImdbId', 'TmdbId', 'TvdbId'
}

AfterAll {
    Remove-TraktTestBed $bed
}

Describe 'Get-TraktHistory' {
    It 'writes every stored play, newest first, as TraktTracker.WatchEvent rows' {
        $all.Count | Should -Be 800
        @($all.HistoryId | Sort-Object) | Should -Be @((Invoke-TraktSimulator $simulator Get history).id | Sort-Object)
        @($all.WatchedAt) | Should -Be @($all.WatchedAt | Sort-Object -Descending)
        $all[0].PSObject.TypeNames | Should -Contain 'TraktTracker.WatchEvent'
    }

    It 'pipes to Export-Csv, and Import-Csv gives back the store row for row' {
        $csv = Join-Path $TestDrive 'history.csv'

        Get-TraktHistory | Export-Csv -Path $csv

        $rows = @(Import-Csv -Path $csv)
        $rows.Count | Should -Be $all.Count
        $rows[0].PSObject.Properties.Name | Should -Be $columns
        $differences = for ($i = 0; $i -lt $all.Count; $i++) {
            foreach ($column in $columns) {
                if ($rows[$i].$column -cne [string]$all[$i].$column) { "row $i, $column`: '$($rows[$i].$column)' vs '$($all[$i].$column)'" }
            }
        }
        $differences | Should -BeNullOrEmpty
    }

    It 'pipes to ConvertTo-Json as flat objects with the contract properties' {
        $json = Get-TraktHistory -First 3 | ConvertTo-Json | ConvertFrom-Json

        $json.Count | Should -Be 3
        $json[0].PSObject.Properties.Name | Should -Be $columns
        $json.HistoryId | Should -Be $all[0..2].HistoryId
    }

    It 'filters with Where-Object, and IsRewatch marks every play after the first of its title' {
        @(Get-TraktHistory | Where-Object Type -eq Movie).HistoryId | Should -Be @($all | Where-Object { "$($_.Type)" -eq 'Movie' }).HistoryId
        $rewatches = @(Get-TraktHistory | Where-Object IsRewatch)
        $rewatches | Should -Not -BeNullOrEmpty
        $firstWatches = @{}
        foreach ($play in $all) { $firstWatches["$($play.Type)/$($play.TraktId)"] = $play.HistoryId }
        foreach ($play in $rewatches) {
            $firstWatches["$($play.Type)/$($play.TraktId)"] | Should -Not -Be $play.HistoryId -Because 'a rewatch is never the earliest play of its title'
        }
        @($all | Where-Object { -not $_.IsRewatch }).Count | Should -Be $firstWatches.Count
    }

    It 'selects with -Type, -After, -Before, -Title (wildcards) and -First, newest first' {
        $after = $all[600].WatchedAt.UtcDateTime.AddSeconds(-0.5)
        $before = $all[100].WatchedAt.UtcDateTime.AddSeconds(0.5)
        $mentions = { param($p, $text) $p.Title -like "*$text*" -or $p.ShowTitle -like "*$text*" }

        @(Get-TraktHistory -Type Episode).HistoryId | Should -Be @($all | Where-Object { "$($_.Type)" -eq 'Episode' }).HistoryId
        @(Get-TraktHistory -Type episode).Count | Should -Be @(Get-TraktHistory -Type Episode).Count
        @(Get-TraktHistory -After $after -Before $before).HistoryId | Should -Be @($all | Where-Object { $_.WatchedAt -gt $after -and $_.WatchedAt -lt $before }).HistoryId
        @(Get-TraktHistory '*THE*').HistoryId | Should -Be @($all | Where-Object { & $mentions $_ 'the' }).HistoryId
        @(Get-TraktHistory -First 5).HistoryId | Should -Be $all[0..4].HistoryId
        @(Get-TraktHistory -Type Movie -Title *the* -First 3).HistoryId |
            Should -Be @($all | Where-Object { "$($_.Type)" -eq 'Movie' -and (& $mentions $_ 'the') } | Select-Object -First 3).HistoryId
    }

    It '-Online reads the API without touching the store' {
        $before = (Get-Item $environment.StateDbPath).LastWriteTimeUtc

        $online = @(Get-TraktHistory -Online)

        @($online.HistoryId | Sort-Object) | Should -Be @($all.HistoryId | Sort-Object)
        @($online | Where-Object IsRewatch) | Should -BeNullOrEmpty -Because 'Trakt sends no rewatch flag and -Online sees only what it reads'
        @(Get-TraktHistory -Online -Type Movie -First 7).HistoryId | Should -Be @($online | Where-Object { "$($_.Type)" -eq 'Movie' } | Select-Object -First 7).HistoryId
        (Get-Item $environment.StateDbPath).LastWriteTimeUtc | Should -Be $before
    }
}
