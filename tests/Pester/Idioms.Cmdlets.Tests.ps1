# What PowerShell users expect of any module: Test-* answers instead of failing, online help and an
# about topic, ShouldProcess on Connect-Trakt, and Tab completion of -TimeZone.
BeforeDiscovery {
    $cmdlets = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../TraktTracker.psd1')).CmdletsToExport
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Add-TraktTestModulePath
    $module = Import-Module TraktTracker -Force -PassThru
}

Describe 'Test-TraktInflux' {
    BeforeAll {
        $simulator = Start-TraktSimulator
        $environment = New-TraktTestEnvironment -Simulator $simulator
    }

    AfterAll {
        Remove-TraktTestEnvironment $environment
        Stop-TraktSimulator $simulator
    }

    It 'returns Success = $false and the reason when the server cannot be reached, without an error' {
        $env:INFLUX_API = 'v1'
        $env:INFLUX_URL = 'http://127.0.0.1:9/'

        $result = Test-TraktInflux -ErrorVariable failures -ErrorAction Stop

        $failures | Should -BeNullOrEmpty
        $result.Success | Should -BeFalse
        $result.Reachable | Should -BeFalse
        "$($result.Failure)" | Should -Be 'Unreachable'
        $result.Message | Should -Not -BeNullOrEmpty
    }

    It 'throws for bad settings' {
        $env:INFLUX_API = 'v2'
        $env:INFLUX_URL = 'http://127.0.0.1:9/'
        { Test-TraktInflux -ErrorAction Stop } | Should -Throw -ErrorId 'TraktConfigurationInvalid,TraktTracker.Commands.TestTraktInfluxCommand'
    }
}

Describe 'Help' {
    It '<_> has a HelpUri' -ForEach $cmdlets {
        (Get-Command $_).HelpUri | Should -BeLike 'https://*'
    }

    It 'ships the about_TraktTracker topic' {
        $topic = Get-Help about_TraktTracker
        "$topic" | Should -BeLike '*about_TraktTracker*'
        "$topic" | Should -BeLike '*Disconnect-Trakt*'
        Join-Path $module.ModuleBase 'en-US/about_TraktTracker.help.txt' | Should -Exist
    }
}

Describe 'Connect-Trakt' {
    It 'supports -WhatIf and -Confirm' {
        (Get-Command Connect-Trakt).Parameters.Keys | Should -Contain 'WhatIf'
        (Get-Command Connect-Trakt).Parameters.Keys | Should -Contain 'Confirm'
    }
}

Describe 'Register-TraktSchedule -TimeZone' {
    It 'completes IANA zone ids' {
        $line = 'Register-TraktSchedule -TimeZone Europe/Be'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Contain 'Europe/Berlin'
        $completions | Should -Contain 'Europe/Belgrade'
        $completions | Where-Object { $_ -notlike 'Europe/Be*' } | Should -BeNullOrEmpty
    }
}
