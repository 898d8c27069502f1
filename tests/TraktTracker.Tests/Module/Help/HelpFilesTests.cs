namespace TraktTracker.Tests.Module.Help;

/// <summary>
/// docs/*.md and the committed MAML must match the cmdlets. Run with UPDATE_HELP=1 to rewrite them
/// after changing a page or a parameter. Hosted: the generator reads the cmdlets' metadata from an engine in this
/// process and writes the files; Get-Help itself is tested in real pwsh (tests/Pester/Get-Help.Tests.ps1).
/// </summary>
public sealed class HelpFilesTests(ModuleSessionFixture fixture) : IClassFixture<ModuleSessionFixture>
{
    private const string Fix = "Run `UPDATE_HELP=1 dotnet test tests/TraktTracker.Tests --filter FullyQualifiedName~HelpFilesTests` to regenerate.";

    [Fact]
    public void Docs_and_MAML_are_complete_and_up_to_date()
    {
        var help = HelpGenerator.Generate(fixture.Session);
        Assert.True(help.Problems.Count == 0, "Help pages are incomplete:\n" + string.Join("\n", help.Problems));

        if (Environment.GetEnvironmentVariable("UPDATE_HELP") == "1")
        {
            HelpGenerator.WriteFiles(help);
        }

        foreach (var (path, expected) in help.Pages)
        {
            Assert.True(expected == File.ReadAllText(path), $"{path} is out of date. {Fix}");
        }

        Assert.True(File.Exists(HelpGenerator.MamlPath) && help.Maml == File.ReadAllText(HelpGenerator.MamlPath),
            $"{HelpGenerator.MamlPath} is out of date. {Fix}");
    }
}
