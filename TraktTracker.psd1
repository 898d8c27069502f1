# Module manifest for TraktTracker. ModuleVersion must equal <ModuleVersion> in Directory.Build.props:
# the build fails when they differ.
@{
    RootModule           = 'TraktTracker.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = 'd5e0a704-b90c-481f-ae8f-21f70115575b'
    Author               = 'TraktTracker contributors'
    CompanyName          = 'TraktTracker contributors'
    Copyright            = '(c) 2026 TraktTracker contributors. MIT License.'
    Description          = 'Keeps your complete Trakt.tv watch history in a local SQLite store and projects it into InfluxDB for Grafana.'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('TraktTracker.format.ps1xml')
    CmdletsToExport      = @(
        'Connect-Trakt'
        'Disconnect-Trakt'
        'Get-TraktHistory'
        'Get-TraktStats'
        'Export-TraktReport'
        'Invoke-TraktBackfill'
        'Invoke-TraktSync'
        'Invoke-TraktReconcile'
        'Test-TraktInflux'
        'Update-TraktInflux'
        'Reset-TraktState'
        'Register-TraktSchedule'
        'Get-TraktSchedule'
        'Unregister-TraktSchedule'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Trakt', 'InfluxDB', 'Grafana', 'SQLite', 'WatchHistory', 'PSEdition_Core', 'Linux', 'MacOS', 'Windows')
            LicenseUri = 'https://github.com/TraktTracker/TraktTracker/blob/main/LICENSE'
            ProjectUri = 'https://github.com/TraktTracker/TraktTracker'
        }
    }
}
