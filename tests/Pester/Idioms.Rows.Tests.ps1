# Clean rows: Type is text in JSON, the summary's labels are its property names, tables fit 80 columns.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Import-TraktTestModule
    $simulator = Start-TraktSimulator
    Invoke-TraktSimulator $simulator Post history/seed -Query @{ count = 40; seed = 8 } | Out-Null
    $environment = New-TraktTestEnvironment -Simulator $simulator -Connect
    $summary = Invoke-TraktBackfill

    # A table as PowerShell renders it for an 80-column console, whose last column stays empty (79 for text).
    function Get-TableLines($InputObject) { ($InputObject | Format-Table | Out-String -Width 80) -split "`n" | Where-Object { $_.Trim() } }
}

AfterAll {
    Remove-TraktTestEnvironment $environment
    Stop-TraktSimulator $simulator
}

Describe 'Get-TraktHistory rows' {
    It 'ConvertTo-Json shows Type as Movie or Episode' {
        $json = Get-TraktHistory | ConvertTo-Json | ConvertFrom-Json
        @($json.Type | Sort-Object -Unique) | Should -Be @('Episode', 'Movie')
    }

    It 'Where-Object Type -eq Movie still selects the movies' {
        $movies = @(Get-TraktHistory | Where-Object Type -EQ Movie)
        $movies.Count | Should -BeGreaterThan 0
        $movies.Count | Should -Be @(Get-TraktHistory -Type movie).Count
        $movies | Where-Object ShowTitle | Should -BeNullOrEmpty
    }

    It 'has a default table within 80 columns whose labels are property names, and a list view with every property' {
        $lines = Get-TableLines (Get-TraktHistory)
        $lines | Where-Object Length -GT 79 | Should -BeNullOrEmpty
        $labels = $lines[0] -split '\s+' | Where-Object { $_ }
        $labels | Should -Be @('WatchedAt', 'Type', 'Title', 'ShowTitle', 'Season', 'Episode')
        $list = (Get-TraktHistory -First 1 | Format-List | Out-String) -split "`n" | Where-Object { $_ -match '^\S+\s*:' } | ForEach-Object { ($_ -split ':')[0].Trim() }
        $list | Should -Be @((Get-TraktHistory -First 1).PSObject.Properties.Name)
    }
}

Describe 'The sync summary' {
    It 'has a default table within 80 columns whose labels are property names' {
        $lines = Get-TableLines $summary
        $lines | Where-Object Length -GT 79 | Should -BeNullOrEmpty
        $labels = $lines[0] -split '\s+' | Where-Object { $_ }
        $labels | Should -Be @('Operation', 'Fetched', 'Inserted', 'Duplicates', 'Deleted', 'ApiCalls', 'Duration', 'DaysPending')
        $labels | ForEach-Object { $summary.PSObject.Properties.Name | Should -Contain $_ }
    }

    It 'shows every property, under its own name, in the list view' {
        $list = ($summary | Format-List | Out-String) -split "`n" | Where-Object { $_ -match '^\S+\s*:' } | ForEach-Object { ($_ -split ':')[0].Trim() }
        @($list | Sort-Object) | Should -Be @($summary.PSObject.Properties.Name | Sort-Object)
    }
}
