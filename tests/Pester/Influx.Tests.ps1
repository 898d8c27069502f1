# Test-TraktInflux and Update-TraktInflux, and a sync projecting into a real InfluxDB 1.6.7.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Import-TraktTestModule
    $simulator = Start-TraktSimulator
    $influx = Start-TestInflux
    Invoke-TraktSimulator $simulator Post history/seed -Query @{ count = 400; seed = 41 } | Out-Null
}

AfterAll {
    Stop-TestInflux $influx
    Stop-TraktSimulator $simulator
}

Describe 'Test-TraktInflux' {
    BeforeEach { $environment = New-TraktTestEnvironment -Simulator $simulator -Influx $influx }
    AfterEach { Remove-TraktTestEnvironment $environment }

    It 'reports a reachable, writable InfluxDB, sets $? and creates no state store' {
        $result = Test-TraktInflux
        $succeeded = $?

        $result.Success | Should -BeTrue -Because $result.Message
        $succeeded | Should -BeTrue
        $environment.StateDbPath | Should -Not -Exist
    }
}

Describe 'Invoke-TraktBackfill with InfluxDB on, then Update-TraktInflux' {
    BeforeAll {
        $environment = New-TraktTestEnvironment -Simulator $simulator -Influx $influx -Connect
        $backfill = Invoke-TraktBackfill
    }
    AfterAll { Remove-TraktTestEnvironment $environment }

    It 'projects every play as a watch_event point and nothing waits in the outbox' {
        $backfill.DaysPending | Should -Be 0
        $backfill.DaysProjected | Should -BeGreaterThan 0
        (Invoke-TestInfluxQuery $influx 'SELECT count(history_id) FROM watch_event' -Database $environment.Database).count | Should -Be 400
    }

    It 'rebuilds the projection from the store without calling Trakt' {
        Invoke-TestInfluxQuery $influx 'DROP MEASUREMENT watch_event' -Database $environment.Database | Out-Null
        Invoke-TraktSimulator $simulator Delete requests | Out-Null

        $result = Update-TraktInflux -Confirm:$false

        $result.RawPoints, $result.DaysPending | Should -Be 400, 0
        (Invoke-TestInfluxQuery $influx 'SELECT count(history_id) FROM watch_event' -Database $environment.Database).count | Should -Be 400
        Invoke-TraktSimulator $simulator Get requests | Should -BeNullOrEmpty
    }
}
