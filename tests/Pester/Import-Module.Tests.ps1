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

    It 'exports exactly the cmdlets of its assembly and manifest, and nothing else' {
        $manifest = Test-ModuleManifest -Path (Join-Path $module.ModuleBase 'TraktTracker.psd1')
        $cmdletClasses = $module.ImplementingAssembly.GetExportedTypes() |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { "$($_.VerbName)-$($_.NounName)" }
        # A cmdlet missing from CmdletsToExport is invisible to users; a name without a cmdlet is a broken promise.
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($cmdletClasses | Sort-Object)
        @($manifest.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($cmdletClasses | Sort-Object)
        $module.ExportedFunctions.Count + $module.ExportedVariables.Count + $module.ExportedAliases.Count | Should -Be 0
    }

    It 'declares its editions, PowerShell version, format file, gallery data and its fixed GUID' {
        $manifest = Test-ModuleManifest -Path (Join-Path $module.ModuleBase 'TraktTracker.psd1')
        # Generated once: a module's GUID identifies it in galleries and must never change.
        $manifest.Guid | Should -Be 'd5e0a704-b90c-481f-ae8f-21f70115575b'
        $manifest.CompatiblePSEditions | Should -Be @('Core')
        $manifest.PowerShellVersion | Should -Be ([version]'7.4')
        $manifest.ExportedFormatFiles | Split-Path -Leaf | Should -Be 'TraktTracker.format.ps1xml'
        $manifest.Tags | Should -Contain 'Trakt'
        $manifest.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.ProjectUri | Should -Not -BeNullOrEmpty
    }

    It 'imports in a fresh pwsh without warnings or errors' {
        # Unapproved verbs, missing files or a failing module initialiser all show up here.
        $run = Invoke-FreshPwsh -Command 'Import-Module TraktTracker -WarningVariable w; if ($w) { "warning: $w" }; (Get-Module TraktTracker).Name'

        $run.Output | Should -Be 'TraktTracker'
        $run.ExitCode | Should -Be 0
    }

    It 'fails the import with one message naming the folder and the fix when Dependencies is missing' {
        $broken = Join-Path $TestDrive 'TraktTracker'
        Copy-Item -Recurse -Path $module.ModuleBase -Destination $broken
        Remove-Item -Recurse -Path (Join-Path $broken 'Dependencies')

        $run = Invoke-FreshPwsh -Command "Import-Module '$broken/TraktTracker.psd1'"

        $run.ExitCode | Should -Not -Be 0
        $run.Output -join "`n" | Should -BeLike "*could not load its engine or its SQLite library*from $broken/Dependencies*Reinstall the module*"
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
