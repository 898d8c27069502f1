# Get-TraktStats and Export-TraktReport as a user runs them: defaults, Export-Csv, filters, the views, -WhatIf.
# The figures themselves are checked against an independent SQL recomputation in tests/TraktTracker.Tests/Stats.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Import-TraktTestModule
    $bed = New-TraktTestBed -Backfill -Seed { param($sim) Invoke-TraktSimulator $sim Post history/seed -Query @{ count = 600; seed = 5 } }
    $all = @(Get-TraktHistory)
    $lastYear = ($all | ForEach-Object { $_.WatchedAt.Year } | Measure-Object -Maximum).Maximum
}

AfterAll {
    Remove-TraktTestBed $bed
}

Describe 'Get-TraktStats' {
    It 'writes one summary of the whole store by default, shown as a list' {
        $summary = @(Get-TraktStats)

        $summary.Count | Should -Be 1
        $summary[0].PSObject.TypeNames | Should -Contain 'TraktTracker.Stats.StatsSummary'
        $summary[0].Plays | Should -Be $all.Count
        $summary[0].Movies | Should -Be @($all | Where-Object { "$($_.Type)" -eq 'Movie' }).Count
        $summary[0].TimeZone | Should -Be 'Europe/Berlin'
        (Get-TraktStats -Summary).Plays | Should -Be $all.Count
        $summary | Out-String | Should -Match 'LongestStreak\s*:'
    }

    It 'writes one row per group with -By, and the rows pipe to Export-Csv' {
        $csv = Join-Path $TestDrive 'months.csv'

        Get-TraktStats -By Month | Export-Csv -Path $csv

        $rows = @(Import-Csv -Path $csv)
        $rows[0].PSObject.Properties.Name | Should -Contain 'Group'
        $rows[0].PSObject.Properties.Name | Should -Contain 'UnknownDate'
        ($rows | ForEach-Object { [int]$_.Plays } | Measure-Object -Sum).Sum | Should -Be $all.Count
        @($rows.Group) | Should -Be @($rows.Group | Sort-Object) -Because 'months come in time order'
    }

    It 'counts only what -Type, -After and -Year select' {
        $after = $all[100].WatchedAt.UtcDateTime

        (Get-TraktStats -By Type -Type Movie).Group | Should -Be 'Movie'
        (Get-TraktStats -After $after).Plays | Should -Be @($all | Where-Object { $_.WatchedAt -gt $after }).Count
        (Get-TraktStats -Year $lastYear -By Year).Group | Should -Be "$lastYear"
    }

    It 'shows rows as a table that fits 80 columns' {
        $lines = Get-TraktStats -By Show | Format-Table | Out-String -Width 80 -Stream | Where-Object { $_ -match '\S' }

        ($lines[0] -split '\s+' | Where-Object { $_ }) | Should -Be 'Group', 'Plays', 'Hours', 'Titles', 'First', 'Rewatches', 'Movies', 'Episodes'
        $lines | Where-Object Length -gt 79 | Should -BeNullOrEmpty
    }
}

Describe 'Export-TraktReport' {
    It 'writes the report and says where, how big and of how many plays' {
        $path = Join-Path $TestDrive 'reports/history.html'

        $report = Export-TraktReport -Path $path -Year $lastYear

        $report.PSObject.TypeNames | Should -Contain 'TraktTracker.Report.ReportFile'
        $report.Path | Should -Be $path
        $report.Plays | Should -Be $all.Count
        $report.Bytes | Should -Be (Get-Item $path).Length
        Get-Content -Raw $path | Should -Match "<h2>$lastYear in review</h2>"
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.html'

        Export-TraktReport -Path $path -WhatIf

        Test-Path $path | Should -BeFalse
    }
}
