# Reset-TraktState: what it wipes, what it keeps, and what it does with a damaged state file.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Import-TraktTestModule
    $simulator = Start-TraktSimulator
    Invoke-TraktSimulator $simulator Post history/seed -Query @{ count = 120; seed = 31 } | Out-Null
}

AfterAll {
    Stop-TraktSimulator $simulator
}

Describe 'Reset-TraktState' {
    BeforeEach { $environment = New-TraktTestEnvironment -Simulator $simulator }
    AfterEach { Remove-TraktTestEnvironment $environment }

    Context 'on a backfilled store' {
        BeforeEach {
            Connect-TraktTestSession $simulator | Out-Null
            Invoke-TraktBackfill | Out-Null
        }

        It '-KeepAuth wipes the history and the next backfill needs no new Connect-Trakt' {
            $reset = Reset-TraktState -KeepAuth -Force

            $reset.StateDbPath, $reset.PlaysRemoved, $reset.KeptAuth, $reset.MovedAsideTo | Should -Be $environment.StateDbPath, 120, $true, $null
            Get-TraktHistory | Should -BeNullOrEmpty
            (Invoke-TraktBackfill).Inserted | Should -Be 120
        }

        It 'without -KeepAuth forgets the tokens, so a sync says to connect' {
            (Reset-TraktState -Force).KeptAuth | Should -BeFalse

            { Invoke-TraktSync -ErrorAction Stop } |
                Should -Throw -ErrorId 'TraktAuthenticationFailed,TraktTracker.Commands.InvokeTraktSyncCommand' -ExpectedMessage '*run Connect-Trakt*'
        }

        It 'asks first: ConfirmImpact is High' {
            (Get-Command Reset-TraktState).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact |
                Should -Be 'High'
        }
    }

    It 'moves a damaged state file aside, never deletes it, and the store starts over' {
        New-Item -ItemType Directory -Force -Path (Split-Path $environment.StateDbPath) | Out-Null
        $precious = "this is not a SQLite database, but someone's only copy of something"
        Set-Content -Path $environment.StateDbPath -Value $precious -NoNewline
        { Get-TraktHistory -ErrorAction Stop } | Should -Throw -ErrorId 'TraktStateCorrupt,TraktTracker.Commands.GetTraktHistoryCommand'

        $reset = Reset-TraktState -KeepAuth -Force -WarningVariable warnings -WarningAction SilentlyContinue

        $reset.KeptAuth | Should -BeFalse
        Get-Content -Raw $reset.MovedAsideTo | Should -Be $precious
        $warnings -join "`n" | Should -BeLike "*$($reset.MovedAsideTo)*run Connect-Trakt again*"
        Connect-TraktTestSession $simulator | Out-Null
        (Invoke-TraktBackfill).Inserted | Should -Be 120
    }
}
