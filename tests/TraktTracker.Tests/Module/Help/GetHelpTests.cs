using System.Collections;
using System.Management.Automation;

namespace TraktTracker.Tests.Module.Help;

/// <summary>Get-Help -Full, in the real engine, shows real help for every exported cmdlet (product.md §3).</summary>
public sealed class GetHelpTests(ModuleSessionFixture fixture) : IClassFixture<ModuleSessionFixture>
{
    public static TheoryData<string> Cmdlets()
    {
        using var session = TestSupport.PowerShell.PowerShellSession.ForBuiltModule();
        var names = session.Invoke("(Get-Module TraktTracker).ExportedCmdlets.Keys").EnsureNoErrors().Objects.Cast<string>();
        return new TheoryData<string>(names.Order());
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Full_help_has_synopsis_description_examples_and_parameter_descriptions(string cmdlet)
    {
        var help = fixture.Session.Invoke("param($Name) Get-Help $Name -Full", new Hashtable { ["Name"] = cmdlet })
            .EnsureNoErrors().Output.Single();

        var synopsis = Text(help, "Synopsis").Trim();
        Assert.False(synopsis.StartsWith(cmdlet, StringComparison.OrdinalIgnoreCase), $"Synopsis is the generated syntax text: {synopsis}");
        Assert.True(synopsis.Length > 20, synopsis);
        Assert.NotEmpty(Texts(help, "description"));

        var examples = Items(help, "examples", "example");
        Assert.NotEmpty(examples);
        Assert.All(examples, e => Assert.False(string.IsNullOrWhiteSpace(Text(e, "code"))));

        var parameters = Items(help, "parameters", "parameter");
        Assert.NotEmpty(parameters);
        Assert.All(parameters, p => Assert.True(Texts(p, "description").Any(t => t.Length > 10), $"-{Text(p, "name")} has no description"));
        Assert.NotEmpty(Items(help, "syntax", "syntaxItem"));
    }

    [Fact]
    public void Syntax_shows_the_parameters_from_the_cmdlet_attributes()
    {
        var help = fixture.Session.Invoke("Get-Help Get-TraktHistory -Full").EnsureNoErrors().Output.Single();
        var syntax = Items(help, "syntax", "syntaxItem").Single();
        var names = Items(syntax, "parameter").Select(p => Text(p, "name")).ToList();

        Assert.Equal(["Title", "Type", "After", "Before", "First", "Online", "ConfigPath", "StateDbPath"], names);
        var title = Items(help, "parameters", "parameter").Single(p => Text(p, "name") == "Title");
        Assert.Equal("0", Text(title, "position"));
        Assert.Equal("true", Text(title, "globbing"));
    }

    // Help objects are nested PSCustomObjects whose single items are not wrapped in arrays.
    private static List<PSObject> Items(PSObject owner, params string[] path)
    {
        object? current = owner;
        foreach (var step in path)
        {
            current = current is null ? null : PSObject.AsPSObject(current).Properties[step]?.Value;
        }

        return current switch
        {
            null => [],
            object[] many => many.Select(PSObject.AsPSObject).ToList(),
            _ => [PSObject.AsPSObject(current)],
        };
    }

    private static List<string> Texts(PSObject owner, string property)
        => Items(owner, property).Select(p => Text(p, "Text")).Where(t => t.Trim().Length > 0).ToList();

    // Help properties are strings wrapped in PSObjects.
    private static string Text(PSObject owner, string property) => owner.Properties[property]?.Value?.ToString() ?? "";
}
