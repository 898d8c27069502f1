# Disconnect-Trakt forgets the tokens and revokes them at Trakt when it answers.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Import-TraktTestModule
    $simulator = Start-TraktSimulator
}

AfterAll {
    Stop-TraktSimulator $simulator
}

Describe 'Disconnect-Trakt' {
    BeforeEach {
        Invoke-TraktSimulator $simulator Post history/seed -Query @{ count = 5; seed = 2 } | Out-Null
        $environment = New-TraktTestEnvironment -Simulator $simulator -Backfill
    }

    AfterEach {
        Remove-TraktTestEnvironment $environment
    }

    It 'revokes the session at Trakt and deletes the tokens, keeping the plays' {
        $revokes = @(Invoke-TraktSimulator $simulator Get requests | Where-Object { $_.path -eq '/oauth/revoke' }).Count

        $result = Disconnect-Trakt

        $result.RevokedAtTrakt | Should -BeTrue
        $result.StateDbPath | Should -Be $environment.StateDbPath
        @(Invoke-TraktSimulator $simulator Get requests | Where-Object { $_.path -eq '/oauth/revoke' -and $_.method -eq 'POST' }).Count | Should -Be ($revokes + 1)
        @(Get-TraktHistory).Count | Should -Be 5
        { Invoke-TraktSync -ErrorAction Stop } | Should -Throw -ErrorId 'TraktAuthenticationFailed,*'
    }

    It 'deletes the tokens with a warning when Trakt cannot be reached' {
        $env:TRAKT_AUTH_URL = 'http://127.0.0.1:9/'
        $env:TRAKT_MAX_RETRIES = '0'

        $result = Disconnect-Trakt -WarningVariable warnings -WarningAction SilentlyContinue

        $result.RevokedAtTrakt | Should -BeFalse
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike 'The tokens were deleted here, but Trakt did not revoke them*'
        $env:TRAKT_AUTH_URL = $simulator.Url
        { Invoke-TraktSync -ErrorAction Stop } | Should -Throw -ErrorId 'TraktAuthenticationFailed,*'
    }

    It 'writes nothing when the store holds no tokens' {
        Disconnect-Trakt | Out-Null
        Disconnect-Trakt | Should -BeNullOrEmpty
    }
}
