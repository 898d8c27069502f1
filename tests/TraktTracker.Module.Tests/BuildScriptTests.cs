using System.Collections;
using System.Management.Automation;
using TraktTracker.TestSupport;
using TraktTracker.TestSupport.PowerShell;

namespace TraktTracker.Module.Tests;

/// <summary>build.ps1, run by the real PowerShell engine, makes out/TraktTracker/&lt;version&gt;/ with the published layout.</summary>
public sealed class BuildScriptTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("tt-build-").FullName;
    private readonly PowerShellSession _session = new(PublishedModule.Manifest);

    public void Dispose()
    {
        _session.Dispose();
        Directory.Delete(_temp, recursive: true);
    }

    [Fact]
    public void Build_script_publishes_a_clean_versioned_module_folder()
    {
        var expectedDir = Path.Combine(_temp, "TraktTracker", PublishedModule.ExpectedVersion);
        Directory.CreateDirectory(expectedDir);
        File.WriteAllText(Path.Combine(expectedDir, "left-over-from-an-old-build.dll"), "");

        var built = (DirectoryInfo)_session.Invoke("param($Script, $Out) & $Script -OutputRoot $Out",
            new Hashtable { ["Script"] = Path.Combine(RepoRoot.Path, "build.ps1"), ["Out"] = _temp }).EnsureNoErrors().Objects.Single();

        Assert.Equal(expectedDir, built.FullName);
        Assert.Equal(PublishedModule.Files(PublishedModule.Directory), PublishedModule.Files(expectedDir));
        var manifest = (PSModuleInfo)_session.Invoke("param($Path) Test-ModuleManifest -Path $Path",
            new Hashtable { ["Path"] = Path.Combine(expectedDir, "TraktTracker.psd1") }).EnsureNoErrors().Objects.Single();
        Assert.Equal(PublishedModule.ExpectedVersion, manifest.Version.ToString(3));
    }
}
