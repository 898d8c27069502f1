using System.Collections;
using System.Management.Automation;
using TraktTracker.TestSupport.PowerShell;

namespace TraktTracker.Module.Tests;

/// <summary>
/// Imports the published folder in a hosted engine. This test process has no SQLite of its own, so a working
/// state store proves the module loads its managed and native dependencies from the shipped layout.
/// </summary>
public sealed class PublishedModuleImportTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("tt-module-").FullName;
    private readonly PowerShellSession _session = new(PublishedModule.Manifest);

    public void Dispose()
    {
        _session.Dispose();
        Directory.Delete(_temp, recursive: true);
    }

    [Fact]
    public void Test_ModuleManifest_reports_the_repository_version_cmdlets_and_format_file()
    {
        var info = (PSModuleInfo)_session.Invoke("param($Path) Test-ModuleManifest -Path $Path", new Hashtable { ["Path"] = PublishedModule.Manifest })
            .EnsureNoErrors().Objects.Single();
        var imported = (PSModuleInfo)_session.Invoke("Get-Module TraktTracker").EnsureNoErrors().Objects.Single();

        Assert.Equal("TraktTracker", info.Name);
        Assert.Equal(PublishedModule.ExpectedVersion, info.Version.ToString(3));
        Assert.Equal(["Core"], info.CompatiblePSEditions);
        Assert.Contains(info.ExportedFormatFiles, f => Path.GetFileName(f) == "TraktTracker.format.ps1xml");
        // Every cmdlet the manifest exports exists in the assembly, and every cmdlet in the assembly is exported.
        Assert.Equal(info.ExportedCmdlets.Keys.Order(), imported.ExportedCmdlets.Keys.Order());
        Assert.Contains("Get-TraktHistory", imported.ExportedCmdlets.Keys);
    }

    [Fact]
    public void A_cmdlet_opens_a_state_store_through_the_shipped_native_sqlite()
    {
        // An empty file is an empty SQLite database: Get-TraktHistory opens it (it never creates a store) and brings its schema up.
        var db = Path.Combine(_temp, "state.db");
        File.WriteAllBytes(db, []);

        var result = _session.Invoke("param($Db, $Config) Get-TraktHistory -StateDbPath $Db -ConfigPath $Config",
            new Hashtable { ["Db"] = db, ["Config"] = EmptyConfig() }).EnsureNoErrors();

        Assert.Empty(result.Output);
        Assert.True(new FileInfo(db).Length > 0, "the state store's schema was not written");
        var sqlite = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "SQLitePCLRaw.core");
        Assert.StartsWith(PublishedModule.Directory, sqlite.Location, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains(Path.Combine(PublishedModule.Directory, "runtimes"), File.ReadAllText("/proc/self/maps"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Shipped_help_is_found()
    {
        var help = _session.Invoke("Get-Help Get-TraktHistory").EnsureNoErrors().Output.Single();
        var synopsis = help.Properties["Synopsis"].Value.ToString()!;
        Assert.StartsWith("Gets your Trakt watch history", synopsis, StringComparison.Ordinal);
    }

    // An explicit, empty config: settings of the machine running the tests must not leak in.
    private string EmptyConfig()
    {
        var path = Path.Combine(_temp, "config.toml");
        File.WriteAllText(path, "");
        return path;
    }
}
