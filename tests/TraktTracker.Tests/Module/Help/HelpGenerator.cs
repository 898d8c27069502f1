using System.Management.Automation;
using TraktTracker.TestSupport;
using TraktTracker.TestSupport.PowerShell;

namespace TraktTracker.Tests.Module.Help;

/// <summary>The help files as they should be, and what keeps them from being complete.</summary>
internal sealed record GeneratedHelp(IReadOnlyDictionary<string, string> Pages, string Maml, IReadOnlyList<string> Problems);

/// <summary>
/// Makes docs/&lt;Verb-Noun&gt;.md and en-US/TraktTracker.dll-Help.xml from the hand-written markdown and the
/// module's cmdlets as the hosted engine sees them (platyPS is not available on these machines).
/// </summary>
internal static class HelpGenerator
{
    public static string DocsDirectory => Path.Combine(RepoRoot.Path, "docs");

    public static string MamlPath => Path.Combine(RepoRoot.Path, "src", "TraktTracker", "en-US", "TraktTracker.dll-Help.xml");

    public static GeneratedHelp Generate(PowerShellSession session)
    {
        var cmdlets = session.Invoke("Get-Command -Module TraktTracker -CommandType Cmdlet").EnsureNoErrors()
            .Objects.Cast<CmdletInfo>().ToList();
        var problems = new List<string>();
        var pages = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var documented = new List<(HelpText, CmdletShape)>();
        foreach (var cmdlet in cmdlets)
        {
            var path = Path.Combine(DocsDirectory, cmdlet.Name + ".md");
            if (!File.Exists(path))
            {
                problems.Add($"docs/{cmdlet.Name}.md is missing: write it in the layout of the other pages.");
                continue;
            }

            var text = MarkdownHelpReader.Read(path);
            var shape = CmdletShape.From(cmdlet);
            problems.AddRange(Gaps(text, shape).Select(gap => $"docs/{cmdlet.Name}.md: {gap}"));
            pages[path] = MarkdownHelpWriter.Write(text, shape);
            documented.Add((text, shape));
        }

        problems.AddRange(Directory.EnumerateFiles(DocsDirectory, "*-*.md")
            .Where(page => !pages.ContainsKey(page))
            .Select(page => $"docs/{Path.GetFileName(page)} documents no cmdlet of the module: remove or rename it."));
        return new GeneratedHelp(pages, MamlWriter.Write(documented), problems);
    }

    /// <summary>Writes every page and the MAML (UPDATE_HELP=1).</summary>
    public static void WriteFiles(GeneratedHelp help)
    {
        foreach (var (path, content) in help.Pages)
        {
            File.WriteAllText(path, content);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(MamlPath)!);
        File.WriteAllText(MamlPath, help.Maml);
    }

    private static IEnumerable<string> Gaps(HelpText text, CmdletShape shape)
    {
        if (string.IsNullOrWhiteSpace(text.Synopsis))
        {
            yield return "the SYNOPSIS is empty.";
        }

        if (text.Description.Count == 0)
        {
            yield return "the DESCRIPTION is empty.";
        }

        if (text.Examples.Count == 0)
        {
            yield return "EXAMPLES has no example.";
        }

        if (text.Outputs.Count == 0)
        {
            yield return "OUTPUTS names no type (write ### None when the cmdlet writes nothing).";
        }

        foreach (var parameter in shape.Parameters.Where(p => text.Parameters.GetValueOrDefault(p.Name, []).Count == 0))
        {
            yield return $"parameter -{parameter.Name} has no description.";
        }

        foreach (var name in text.Parameters.Keys.Where(n => shape.Parameters.All(p => !p.Name.Equals(n, StringComparison.OrdinalIgnoreCase))))
        {
            yield return $"parameter -{name} is described but the cmdlet has no such parameter.";
        }
    }
}
