using System.Collections;
using System.Management.Automation;
using TraktTracker.Commands;
using TraktTracker.TestSupport;

namespace TraktTracker.Tests.Module;

/// <summary>The manifest (TraktTracker.psd1 at the repository root, copied next to the module) as PowerShell reads it.</summary>
public sealed class ManifestTests(ModuleSessionFixture fixture) : IClassFixture<ModuleSessionFixture>
{
    // Generated once; a module's GUID identifies it in galleries and must never change.
    private static readonly Guid ModuleGuid = new("d5e0a704-b90c-481f-ae8f-21f70115575b");

    private PSModuleInfo TestManifest() => (PSModuleInfo)fixture.Session
        .Invoke("param($Path) Test-ModuleManifest -Path $Path", new Hashtable { ["Path"] = fixture.Session.ManifestPath })
        .EnsureNoErrors().Objects.Single();

    [Fact]
    public void Version_is_the_one_from_Directory_Build_props()
    {
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(RepoRoot.Path, "Directory.Build.props"));
        var expected = props.Descendants("ModuleVersion").Single().Value;

        Assert.Equal(expected, TestManifest().Version.ToString(3));
        Assert.Equal(expected, typeof(TraktCmdlet).Assembly.GetName().Version!.ToString(3));
    }

    [Fact]
    public void Exports_exactly_the_cmdlets_of_the_assembly_and_nothing_else()
    {
        var manifest = TestManifest();
        var imported = (PSModuleInfo)fixture.Session.Invoke("Get-Module TraktTracker").EnsureNoErrors().Objects.Single();
        var cmdletClasses = typeof(TraktCmdlet).Assembly.GetExportedTypes()
            .Select(t => t.GetCustomAttributes(typeof(CmdletAttribute), inherit: false).Cast<CmdletAttribute>().SingleOrDefault())
            .OfType<CmdletAttribute>()
            .Select(a => $"{a.VerbName}-{a.NounName}")
            .ToList();

        // A cmdlet missing from CmdletsToExport is invisible to users; a name without a cmdlet is a broken promise.
        Assert.Equal(cmdletClasses.Order(), manifest.ExportedCmdlets.Keys.Order());
        Assert.Equal(cmdletClasses.Order(), imported.ExportedCmdlets.Keys.Order());
        Assert.Empty(manifest.ExportedFunctions);
        Assert.Empty(manifest.ExportedVariables);
        Assert.Empty(manifest.ExportedAliases);
    }

    [Fact]
    public void Declares_editions_version_format_file_gallery_data_and_its_fixed_guid()
    {
        var manifest = TestManifest();

        Assert.Equal(ModuleGuid, manifest.Guid);
        Assert.Equal(["Core"], manifest.CompatiblePSEditions);
        Assert.Equal(new Version(7, 4), manifest.PowerShellVersion);
        Assert.Equal("TraktTracker.dll", Path.GetFileName(manifest.RootModule));
        Assert.Equal(["TraktTracker.format.ps1xml"], manifest.ExportedFormatFiles.Select(Path.GetFileName));
        Assert.Contains("Trakt", manifest.Tags);
        Assert.NotNull(manifest.LicenseUri);
        Assert.NotNull(manifest.ProjectUri);
    }

    [Fact]
    public void Import_in_a_fresh_session_writes_no_warnings_or_errors()
    {
        // Unapproved verbs, missing files or a failing module initialiser all show up here.
        var result = fixture.Session.Invoke("param($Path) Import-Module $Path -Force -PassThru", new Hashtable { ["Path"] = fixture.Session.ManifestPath });

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Equal("TraktTracker", ((PSModuleInfo)result.Objects.Single()).Name);
    }
}
