namespace TraktTracker.Module.Tests;

/// <summary>The published folder holds what the module needs, the five shipped native builds, and nothing else.</summary>
public sealed class ModuleLayoutTests
{
    [Fact]
    public void Folder_holds_exactly_the_manifest_assemblies_deps_format_help_and_native_sqlite()
    {
        string[] expected =
        [
            "Cronos.dll", "Microsoft.Data.Sqlite.dll", "Polly.Core.dll", "SQLitePCLRaw.batteries_v2.dll", "SQLitePCLRaw.core.dll",
            "SQLitePCLRaw.provider.e_sqlite3.dll", "Tomlyn.dll", "TraktTracker.Core.dll", "TraktTracker.deps.json", "TraktTracker.dll",
            "TraktTracker.format.ps1xml", "TraktTracker.psd1", "en-US/TraktTracker.dll-Help.xml", "en-US/about_TraktTracker.help.txt",
            "runtimes/linux-arm64/native/libe_sqlite3.so", "runtimes/linux-x64/native/libe_sqlite3.so",
            "runtimes/osx-arm64/native/libe_sqlite3.dylib", "runtimes/osx-x64/native/libe_sqlite3.dylib",
            "runtimes/win-x64/native/e_sqlite3.dll",
        ];

        // Nothing missing (the module would not load), nothing extra (no symbols, no other RIDs, no PowerShell).
        Assert.Equal(expected.Order(StringComparer.Ordinal), PublishedModule.Files(PublishedModule.Directory));
    }
}
