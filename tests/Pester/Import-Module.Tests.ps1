# Import-Module TraktTracker by name from a folder on $env:PSModulePath, as a user who built into their module path.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Add-TraktTestModulePath
    $expectedVersion = ([xml](Get-Content -Raw (Join-Path $PSScriptRoot '../../Directory.Build.props'))).Project.PropertyGroup.ModuleVersion
}

Describe 'Import-Module TraktTracker' {
    BeforeAll {
        $module = Import-Module TraktTracker -PassThru -Force
    }

    It 'finds the built module by name on PSModulePath, at the repository version' {
        $module.Name | Should -Be 'TraktTracker'
        $module.Version.ToString(3) | Should -Be $expectedVersion
        $module.ModuleBase | Should -BeLike "$(Get-TraktTestModuleRoot)*"
    }

    It 'exports exactly the cmdlets of its manifest' {
        $manifest = Test-ModuleManifest -Path (Join-Path $module.ModuleBase 'TraktTracker.psd1')
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($manifest.ExportedCmdlets.Keys | Sort-Object)
        $manifest.CompatiblePSEditions | Should -Be @('Core')
        $manifest.ExportedFormatFiles | Split-Path -Leaf | Should -Be 'TraktTracker.format.ps1xml'
    }

    It 'stores tokens in a state store through the native SQLite it ships' {
        $simulator = Start-TraktSimulator
        $environment = New-TraktTestEnvironment -Simulator $simulator
        try {
            Connect-TraktTestSession $simulator | Should -Not -BeNullOrEmpty
            $environment.StateDbPath | Should -Exist
            Get-TraktHistory | Should -BeNullOrEmpty
        }
        finally {
            Remove-TraktTestEnvironment $environment
            Stop-TraktSimulator $simulator
        }
    }
}
