# Invoke-TraktSync stopped by SIGTERM in a real pwsh (as systemctl stop ends a scheduled run): pwsh itself ends at
# once on SIGTERM, so the module holds the signal back while a sent token refresh awaits Trakt's answer (README,
# "Tokens and stops").
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Import-TraktTestModule
    $simulator = Start-TraktSimulator
    Invoke-TraktSimulator $simulator Post history/seed -Query @{ count = 20; seed = 3 } | Out-Null
    $environment = New-TraktTestEnvironment -Simulator $simulator
    # The store is empty, so each run's login comes from TRAKT_REFRESH_TOKEN until the store holds a pair.
    $env:TRAKT_REFRESH_TOKEN = (Invoke-TraktSimulator $simulator Post auth/tokens).refreshToken
    $kill = Get-Command kill -CommandType Application | Select-Object -First 1

    # `Invoke-TraktSync -NoInflux` in a pwsh of its own, with this session's environment (the module root on its
    # PSModulePath, the settings of New-TraktTestEnvironment). -WhileRunning gets the process before it is awaited.
    function Invoke-SyncInFreshPwsh([scriptblock] $WhileRunning = {}) {
        $pwsh = Get-PwshCommandLine
        $start = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
        foreach ($argument in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command',
                "Import-Module TraktTracker; Invoke-TraktSync -NoInflux -StateDbPath '$($environment.StateDbPath)'")) {
            $start.ArgumentList.Add($argument)
        }
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.Environment['NO_COLOR'] = '1'
        $process = [System.Diagnostics.Process]::Start($start)
        try {
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            & $WhileRunning $process
            if (-not $process.WaitForExit(120000)) { throw "pwsh (pid $($process.Id)) did not end within 2 minutes." }
            [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result + $stderr.Result }
        }
        finally {
            if (-not $process.HasExited) { $process.Kill($true) }
            $process.Dispose()
        }
    }
}

AfterAll {
    Remove-TraktTestEnvironment $environment
    Stop-TraktSimulator $simulator
}

Describe 'Invoke-TraktSync stopped by SIGTERM' {
    It 'while a sent token refresh awaits its answer ends pwsh with 143 and keeps the login' {
        # Long enough that the signal surely lands while the rotated pair is on its way, well within the 20 s the
        # exchange may take.
        Invoke-TraktSimulator $simulator Put auth/refresh-answer-delay -Query @{ seconds = 5 } | Out-Null

        $stopped = Invoke-SyncInFreshPwsh -WhileRunning {
            param($process)
            # pwsh's start and the module's import take a while on a busy machine.
            $deadline = [DateTime]::UtcNow.AddSeconds(90)
            while ((Invoke-TraktSimulator $simulator Get auth).refreshCount -eq 0 -and -not $process.HasExited -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 50
            }
            $process.HasExited | Should -BeFalse -Because 'the run must still be waiting for the refresh answer'
            (Invoke-TraktSimulator $simulator Get auth).refreshCount | Should -Be 1 -Because 'the run sends its refresh within 90 s'
            @(Invoke-TraktSimulator $simulator Get requests | Where-Object path -EQ '/oauth/token') |
                Should -BeNullOrEmpty -Because 'Trakt rotated the pair but has not answered yet when the signal goes'
            & $kill -s TERM $process.Id
            $LASTEXITCODE | Should -Be 0
        }

        $stopped.ExitCode | Should -Be 143 -Because $stopped.Output
        $stopped.Output | Should -BeLike '*Invoke-TraktSync: stopped by SIGTERM at a safe point; what was stored so far, the Trakt login included, is kept.*'
        @(Invoke-TraktSimulator $simulator Get requests | Where-Object path -EQ '/oauth/token' | ForEach-Object status) |
            Should -Be @(200) -Because 'the refresh ran to its answer'

        # The next run's access token has expired: it refreshes with the stored pair (TRAKT_REFRESH_TOKEN, dead by
        # now, is only read while the store has none) and syncs without anyone connecting again.
        Invoke-TraktSimulator $simulator Put auth/refresh-answer-delay -Query @{ seconds = 0 } | Out-Null
        Invoke-TraktSimulator $simulator Post auth/expire-access-tokens | Out-Null
        $next = Invoke-SyncInFreshPwsh

        $next.ExitCode | Should -Be 0 -Because $next.Output
        (Invoke-TraktSimulator $simulator Get auth).refreshCount | Should -Be 2
    }
}
