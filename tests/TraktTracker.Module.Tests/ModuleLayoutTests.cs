namespace TraktTracker.Module.Tests;

/// <summary>The published folder holds what the module needs, the five shipped native builds, and nothing of PowerShell.</summary>
public sealed class ModuleLayoutTests
{
    private static readonly string[] ShippedRuntimes = ["linux-arm64", "linux-x64", "osx-arm64", "osx-x64", "win-x64"];

    [Fact]
    public void Folder_has_the_manifest_assemblies_deps_format_and_help()
    {
        string[] required =
        [
            "TraktTracker.psd1", "TraktTracker.dll", "TraktTracker.Core.dll", "TraktTracker.deps.json",
            "TraktTracker.format.ps1xml", Path.Combine("en-US", "TraktTracker.dll-Help.xml"),
            "Microsoft.Data.Sqlite.dll", "SQLitePCLRaw.core.dll", "SQLitePCLRaw.provider.e_sqlite3.dll", "SQLitePCLRaw.batteries_v2.dll",
            "Polly.Core.dll", "Tomlyn.dll", "Cronos.dll",
        ];

        var missing = required.Where(file => !File.Exists(Path.Combine(PublishedModule.Directory, file))).ToList();
        Assert.True(missing.Count == 0, "Missing from the module folder: " + string.Join(", ", missing));
    }

    [Fact]
    public void Native_sqlite_ships_for_exactly_the_five_supported_runtimes()
    {
        var runtimes = Path.Combine(PublishedModule.Directory, "runtimes");
        var shipped = Directory.GetDirectories(runtimes).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ShippedRuntimes, shipped);

        foreach (var rid in ShippedRuntimes)
        {
            var native = Directory.GetFiles(Path.Combine(runtimes, rid, "native")).Select(Path.GetFileName).ToList();
            var expected = rid.StartsWith("win", StringComparison.Ordinal) ? "e_sqlite3.dll"
                : rid.StartsWith("osx", StringComparison.Ordinal) ? "libe_sqlite3.dylib" : "libe_sqlite3.so";
            Assert.Equal([expected], native);
        }
    }

    [Fact]
    public void PowerShell_itself_is_not_shipped()
    {
        var shipped = Directory.EnumerateFiles(PublishedModule.Directory, "*.dll", SearchOption.AllDirectories).Select(Path.GetFileName);
        Assert.DoesNotContain("System.Management.Automation.dll", shipped);
    }
}
