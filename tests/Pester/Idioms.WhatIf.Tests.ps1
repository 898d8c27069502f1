# -WhatIf and a declined -Confirm change nothing anywhere: no file or folder, no token refresh, no request to Trakt, no
# output object. Proven by comparing the test's whole folder, the crontab and the simulator's request log.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Import-TraktTestModule

    # What a run could change: every file and folder under the test folder with its content hash, the requests the
    # simulator got, its token refreshes and the crontab. Any change shows as a difference.
    function Get-SideEffects {
        Get-ChildItem -LiteralPath $environment.Directory -Recurse -Force | Sort-Object FullName | ForEach-Object {
            if ($_.PSIsContainer) { "$($_.FullName)/" } else { "$($_.FullName) $((Get-FileHash -LiteralPath $_.FullName).Hash)" }
        }
        "requests: $(@(Invoke-TraktSimulator $simulator Get requests).Count)"
        "token refreshes: $((Invoke-TraktSimulator $simulator Get auth).refreshCount)"
        "crontab: $((crontab -l 2>$null) -join "`n")"
    }

    # A connected, backfilled store with a new play waiting at Trakt and an expired access token: a real run would
    # refresh the token first, then fetch the play.
    function New-PendingEnvironment([int] $Count, [int] $Seed, [int] $TraktId, [string] $Title) {
        Invoke-TraktSimulator $simulator Post history/seed -Query @{ count = $Count; seed = $Seed } | Out-Null
        New-TraktTestEnvironment -Simulator $simulator -Backfill
        Invoke-TraktSimulator $simulator Post history/movie -Query @{ traktId = $TraktId; title = $Title; year = 2026; watchedAt = [DateTimeOffset]::UtcNow.ToString('o') } | Out-Null
        Invoke-TraktSimulator $simulator Post auth/expire-access-tokens | Out-Null
    }

    $simulator = Start-TraktSimulator
}

AfterAll {
    Stop-TraktSimulator $simulator
}

Describe '-WhatIf on a connected, backfilled store' {
    BeforeAll {
        $environment = New-PendingEnvironment -Count 40 -Seed 3 -TraktId 9001 -Title 'New Film'
        # Update-TraktInflux needs complete InfluxDB settings before it can even say what it would do.
        $env:INFLUX_API = 'v1'
        $env:INFLUX_URL = 'http://127.0.0.1:9/'
    }

    AfterAll {
        Remove-TraktTestEnvironment $environment
    }

    It '<Command> writes nothing, sends nothing and changes no file' -TestCases @(
        @{ Command = 'Invoke-TraktSync -WhatIf' }
        @{ Command = 'Invoke-TraktSync -PassThru -WhatIf' }
        @{ Command = 'Invoke-TraktBackfill -Force -WhatIf' }
        @{ Command = 'Invoke-TraktReconcile -Full -WhatIf' }
        @{ Command = 'Update-TraktInflux -WhatIf' }
        @{ Command = 'Reset-TraktState -WhatIf' }
        @{ Command = 'Reset-TraktState -Force -WhatIf' }
        @{ Command = 'Disconnect-Trakt -WhatIf' }
        @{ Command = 'Connect-Trakt -RefreshToken unused-token -WhatIf' }
        @{ Command = 'Register-TraktSchedule -Backend Cron -SaveSettings -WhatIf' }
    ) {
        $before = Get-SideEffects

        $output = & ([scriptblock]::Create($Command))

        $output | Should -BeNullOrEmpty
        Get-SideEffects | Should -Be $before
    }
}

Describe 'A declined -Confirm on a connected, backfilled store' {
    BeforeAll {
        $environment = New-PendingEnvironment -Count 10 -Seed 6 -TraktId 9002 -Title 'Declined Film'
        $pwsh = Get-PwshCommandLine
    }

    AfterAll {
        Remove-TraktTestEnvironment $environment
    }

    # A fresh pwsh answers the real confirmation prompt with "n" from its standard input, as a user would type it.
    It '<Command> -Confirm answered No changes nothing and writes nothing' -TestCases @(
        @{ Command = 'Invoke-TraktSync' }
        @{ Command = 'Invoke-TraktReconcile' }
        @{ Command = 'Disconnect-Trakt' }
        @{ Command = 'Connect-Trakt -RefreshToken unused-token' }
    ) {
        $before = Get-SideEffects

        $output = "n`n" | & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -Command "Import-Module TraktTracker; `$out = @($Command -Confirm); 'objects:' + `$out.Count" 2>&1

        $LASTEXITCODE | Should -Be 0
        "$output" | Should -BeLike '*Are you sure you want to perform this action?*'
        @($output)[-1] | Should -Be 'objects:0'
        Get-SideEffects | Should -Be $before
    }
}

Describe 'Without a state store' {
    BeforeEach {
        $environment = New-TraktTestEnvironment -Simulator $simulator
        $requests = @(Invoke-TraktSimulator $simulator Get requests).Count
    }

    AfterEach {
        Remove-TraktTestEnvironment $environment
    }

    It '<Command> creates neither the store nor its folder' -TestCases @(
        @{ Command = 'Connect-Trakt -WhatIf' }
        @{ Command = 'Invoke-TraktBackfill -WhatIf' }
        @{ Command = 'Invoke-TraktSync -WhatIf' }
    ) {
        & ([scriptblock]::Create($Command)) | Should -BeNullOrEmpty
        Get-ChildItem -LiteralPath $environment.Directory -Recurse -Force | Should -BeNullOrEmpty
        @(Invoke-TraktSimulator $simulator Get requests).Count | Should -Be $requests
    }

    It 'Get-TraktHistory<Switch> fails with TraktStateMissing, says what to run, and creates nothing' -TestCases @(
        @{ Switch = '' }
        @{ Switch = ' -Online' }
    ) {
        $record = { & ([scriptblock]::Create("Get-TraktHistory$Switch -ErrorAction Stop")) } |
            Should -Throw -ErrorId 'TraktStateMissing,TraktTracker.Commands.GetTraktHistoryCommand' -PassThru
        $record.Exception.Message | Should -BeLike '*Run Connect-Trakt and Invoke-TraktBackfill*'
        $record.TargetObject | Should -Be $environment.StateDbPath
        $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-ChildItem -LiteralPath $environment.Directory -Recurse -Force | Should -BeNullOrEmpty
        @(Invoke-TraktSimulator $simulator Get requests).Count | Should -Be $requests
    }
}
