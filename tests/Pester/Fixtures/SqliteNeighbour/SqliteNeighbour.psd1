@{
    RootModule           = 'SqliteNeighbour.dll'
    ModuleVersion        = '1.0.0'
    GUID                 = '0f1d6a43-3c1e-4b8a-9a52-5e0c7d1f6b21'
    Author               = 'TraktTracker tests'
    Description          = 'A test fixture: a binary module with its own Microsoft.Data.Sqlite.'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'
    CmdletsToExport      = @('Get-NeighbourSqlite')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
}
