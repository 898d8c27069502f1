# Connect-Trakt's three ways in, what it shows, and what a dead session tells the user.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Import-TraktTestModule
    $simulator = Start-TraktSimulator
}

AfterAll {
    Stop-TraktSimulator $simulator
}

Describe 'Connect-Trakt' {
    BeforeEach { $environment = New-TraktTestEnvironment -Simulator $simulator }
    AfterEach { Remove-TraktTestEnvironment $environment }

    It 'answers the device flow through the simulator, showing the URL and code through the host' {
        Invoke-TraktSimulator $simulator Put auth/device-flow -Body @{ interval = 1; pendingPolls = 1 } | Out-Null

        $connection = Connect-Trakt 6>&1 | Tee-Object -Variable everything | Where-Object { $_ -isnot [System.Management.Automation.InformationRecord] }

        $connection.Username | Should -Be 'sim-user'
        ($everything | Where-Object { $_ -is [System.Management.Automation.InformationRecord] }) -join "`n" |
            Should -BeLike '*open https://trakt.tv/activate and enter the code 5055CC52 within 10 minutes*'
        $environment.StateDbPath | Should -Exist
    }

    It 'exchanges -RefreshToken and shows who is connected, until when, and never a secret' {
        $seeded = (Invoke-TraktSimulator $simulator Post auth/tokens).refreshToken

        $everything = @(Connect-Trakt -RefreshToken $seeded -Verbose 4>&1 6>&1)
        $connection = $everything | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] -and $_ -isnot [System.Management.Automation.InformationRecord] }

        $connection.Username | Should -Be 'sim-user'
        $connection.TimeZone | Should -Be 'Europe/Berlin'
        $connection.ApiUrl | Should -Be $simulator.Url
        $connection.TokenExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddDays(6))
        $shown = ($everything | Out-String -Width 500) + ($connection | ConvertTo-Json)
        $shown | Should -Not -BeLike "*$seeded*"
        $shown | Should -Not -BeLike "*$($simulator.ClientSecret)*"
    }

    It 'exchanges -AuthCode, and a backfill then uses the stored tokens' {
        Invoke-TraktSimulator $simulator Post history/seed -Query @{ count = 50; seed = 4 } | Out-Null
        try {
            Connect-Trakt -AuthCode (Invoke-TraktSimulator $simulator Post auth/codes).code | Out-Null
            (Invoke-TraktBackfill).Inserted | Should -Be 50
        }
        finally {
            (Invoke-TraktSimulator $simulator Get history).id | ForEach-Object { Invoke-TraktSimulator $simulator Delete "history/$_" }
        }
    }

    It 'fails a sync with TraktAuthenticationFailed and advice to connect again once another install used the refresh token' {
        $tokens = Invoke-TraktSimulator $simulator Post auth/tokens
        Connect-Trakt -RefreshToken $tokens.refreshToken | Out-Null
        Invoke-TraktSimulator $simulator Post auth/invalidate-sessions | Out-Null

        { Invoke-TraktSync -ErrorAction Stop } |
            Should -Throw -ErrorId 'TraktAuthenticationFailed,TraktTracker.Commands.InvokeTraktSyncCommand' -ExpectedMessage '*run Connect-Trakt again*'
    }
}
