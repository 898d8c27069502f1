# Error records: the thing at fault as TargetObject, the README's "what to do" as RecommendedAction,
# a one-sentence message without the inner-exception chain.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Add-TraktTestModulePath
    Import-Module TraktTracker -Force
    $simulator = Start-TraktSimulator

    function Should-BeOneSentence([string] $Message) {
        $Message | Should -Not -BeNullOrEmpty
        $Message | Should -Not -Match '--->'
        @($Message -split '(?<=\.)\s+(?=[A-Z])').Count | Should -Be 1
    }
}

AfterAll {
    Stop-TraktSimulator $simulator
}

Describe 'Invoke-TraktSync error records' {
    BeforeEach {
        $environment = New-TraktTestEnvironment -Simulator $simulator
    }

    AfterEach {
        Remove-TraktTestEnvironment $environment
    }

    It 'names the missing setting' {
        Connect-TraktTestSession $simulator | Out-Null
        $env:TRAKT_CLIENT_ID = $null

        $record = { Invoke-TraktSync -ErrorAction Stop } |
            Should -Throw -ErrorId 'TraktConfigurationInvalid,TraktTracker.Commands.InvokeTraktSyncCommand' -PassThru

        $record.TargetObject | Should -Be 'TRAKT_CLIENT_ID'
        $record.ErrorDetails.RecommendedAction | Should -Be 'Set it as a parameter, an environment variable or in config.toml.'
        Should-BeOneSentence $record.ErrorDetails.Message
        $record.ErrorDetails.Message | Should -Be 'Missing required configuration value: TRAKT_CLIENT_ID.'
    }

    It 'names the damaged state file and says how to start over' {
        New-Item -ItemType Directory -Path (Split-Path $environment.StateDbPath) | Out-Null
        Set-Content -Path $environment.StateDbPath -Value ('not a database ' * 100)

        $record = { Invoke-TraktSync -ErrorAction Stop } | Should -Throw -ErrorId 'TraktStateCorrupt,*' -PassThru

        $record.TargetObject | Should -Be $environment.StateDbPath
        $record.ErrorDetails.RecommendedAction | Should -BeLike 'Run Reset-TraktState -Force*Connect-Trakt and Invoke-TraktBackfill.'
        Should-BeOneSentence $record.ErrorDetails.Message
    }

    It 'names the Trakt URL that failed' {
        Connect-TraktTestSession $simulator | Out-Null
        Invoke-TraktSimulator $simulator Post faults -Query @{ kind = 'status'; status = 403; path = '/sync/last_activities'; times = 1 } | Out-Null
        try {
            $record = { Invoke-TraktSync -ErrorAction Stop } | Should -Throw -ErrorId 'TraktApiFailed,*' -PassThru
        }
        finally {
            Invoke-TraktSimulator $simulator Delete faults | Out-Null
        }

        $record.TargetObject | Should -Be ($simulator.Url.TrimEnd('/') + '/sync/last_activities')
        $record.ErrorDetails.RecommendedAction | Should -BeLike 'Check TRAKT_CLIENT_ID*'
        Should-BeOneSentence $record.ErrorDetails.Message
    }
}
