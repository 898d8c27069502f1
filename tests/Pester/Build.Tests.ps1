# build.ps1 and the module folder it makes: the README quick start's first two lines, run verbatim in real pwsh.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    $repoRoot = Join-Path $PSScriptRoot '../..' -Resolve
    $version = ([xml](Get-Content -Raw (Join-Path $repoRoot 'Directory.Build.props'))).Project.PropertyGroup.ModuleVersion

    function Get-RelativeFile([string] $Directory) {
        Get-ChildItem -Path $Directory -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($Directory, $_.FullName) -replace '\\', '/' } |
            Sort-Object
    }
}

Describe 'build.ps1' {
    BeforeAll {
        $outputRoot = Join-Path $TestDrive 'out'
        $expectedDir = Join-Path $outputRoot "TraktTracker/$version"
        New-Item -ItemType Directory -Path $expectedDir | Out-Null
        Set-Content -Path (Join-Path $expectedDir 'left-over-from-an-old-build.dll') -Value ''

        # In a pwsh of its own: dotnet publish's progress goes to the host, which a test cannot silence in-process.
        $build = Invoke-FreshPwsh -Command "`$built = & '$(Join-Path $repoRoot 'build.ps1')' -OutputRoot '$outputRoot'; `$built.GetType().Name; `$built.FullName"
    }

    It 'writes the clean versioned module folder to the pipeline' {
        $build.ExitCode | Should -Be 0 -Because ($build.Output -join "`n")
        $build.Output[-2..-1] | Should -Be @('DirectoryInfo', $expectedDir)
        Join-Path $expectedDir 'left-over-from-an-old-build.dll' | Should -Not -Exist
    }

    It 'holds the cmdlet assembly and what PowerShell reads at the root, the engine and its dependencies in Dependencies' {
        # Nothing missing (the module would not load), nothing extra (no symbols, no deps.json, no other RIDs, no PowerShell).
        Get-RelativeFile $expectedDir | Should -Be @(
            'Dependencies/Cronos.dll', 'Dependencies/Microsoft.Data.Sqlite.dll', 'Dependencies/Polly.Core.dll',
            'Dependencies/runtimes/linux-arm64/native/libe_sqlite3.so', 'Dependencies/runtimes/linux-x64/native/libe_sqlite3.so',
            'Dependencies/runtimes/osx-arm64/native/libe_sqlite3.dylib', 'Dependencies/runtimes/osx-x64/native/libe_sqlite3.dylib',
            'Dependencies/runtimes/win-x64/native/e_sqlite3.dll',
            'Dependencies/SQLitePCLRaw.batteries_v2.dll', 'Dependencies/SQLitePCLRaw.core.dll', 'Dependencies/SQLitePCLRaw.provider.e_sqlite3.dll',
            'Dependencies/Tomlyn.dll', 'Dependencies/TraktTracker.Core.dll',
            'en-US/about_TraktTracker.help.txt', 'en-US/TraktTracker.dll-Help.xml', 'TraktTracker.dll', 'TraktTracker.format.ps1xml', 'TraktTracker.psd1'
        )
    }

    It 'builds the same folder the suite tests' {
        Get-RelativeFile $expectedDir | Should -Be (Get-RelativeFile (Join-Path (Get-TraktTestModuleRoot) "TraktTracker/$version"))
    }

    It 'is imported by the README quick start line, which loads the engine from Dependencies' {
        Push-Location $TestDrive
        try {
            $run = Invoke-FreshPwsh -Command ("Import-Module ./out/TraktTracker/$version/TraktTracker.psd1; (Get-Module TraktTracker).Version.ToString(3); " +
                "([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'TraktTracker.Core' }).Location")
        }
        finally {
            Pop-Location
        }
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        $run.Output | Should -Be @($version, (Join-Path $expectedDir 'Dependencies/TraktTracker.Core.dll'))
    }
}
