namespace TraktTracker.Tests.Module.Help;

/// <summary>
/// Reads the hand-written parts of a platyPS-style markdown page. The generated parts (front matter, SYNTAX,
/// the yaml block of each parameter, CommonParameters) are skipped: they are rewritten from the cmdlet itself.
/// </summary>
internal static class MarkdownHelpReader
{
    public static HelpText Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var name = lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim()
            ?? throw new InvalidDataException($"{path}: no '# Verb-Noun' title.");
        var sections = Split(lines, "## ");
        string[] Section(string heading) => sections.TryGetValue(heading, out var body) ? body : [];

        return new HelpText(
            name,
            string.Join("\n", Paragraphs(Section("SYNOPSIS"))),
            Paragraphs(Section("DESCRIPTION")),
            Split(Section("EXAMPLES"), "### ").Select(e => ReadExample(path, e.Key, e.Value)).ToList(),
            Split(Section("PARAMETERS"), "### ")
                .Where(p => p.Key != "CommonParameters")
                .ToDictionary(p => p.Key.TrimStart('-'), p => (IReadOnlyList<string>)Paragraphs(WithoutFences(p.Value)), StringComparer.OrdinalIgnoreCase),
            TypeNotes(Section("INPUTS")),
            TypeNotes(Section("OUTPUTS")),
            Paragraphs(Section("NOTES")),
            Section("RELATED LINKS").Where(l => l.Trim().Length > 0).Select(l => l.Trim()).ToList());
    }

    private static HelpExample ReadExample(string path, string title, string[] body)
    {
        var open = Array.FindIndex(body, l => l.StartsWith("```", StringComparison.Ordinal));
        var close = open < 0 ? -1 : Array.FindIndex(body, open + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        if (close < 0)
        {
            throw new InvalidDataException($"{path}: example '{title}' needs a ```powershell code block.");
        }

        return new HelpExample(title, string.Join("\n", body[(open + 1)..close]), Paragraphs(body[(close + 1)..]));
    }

    private static List<HelpTypeNote> TypeNotes(string[] section)
        => Split(section, "### ").Select(t => new HelpTypeNote(t.Key, Paragraphs(t.Value))).ToList();

    /// <summary>Headings at one level, in order, each with the lines up to the next heading of that level.</summary>
    private static Dictionary<string, string[]> Split(string[] lines, string marker)
    {
        var sections = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? heading = null;
        var body = new List<string>();
        var inFence = false;
        foreach (var line in lines)
        {
            inFence ^= line.StartsWith("```", StringComparison.Ordinal);
            if (!inFence && line.StartsWith(marker, StringComparison.Ordinal))
            {
                Close();
                heading = line[marker.Length..].Trim();
                continue;
            }

            body.Add(line);
        }

        Close();
        return sections;

        void Close()
        {
            if (heading is not null)
            {
                sections[heading] = body.ToArray();
            }

            body.Clear();
        }
    }

    // Everything from the first ``` on is the generated yaml block of a parameter.
    private static string[] WithoutFences(string[] body)
    {
        var fence = Array.FindIndex(body, l => l.StartsWith("```", StringComparison.Ordinal));
        return fence < 0 ? body : body[..fence];
    }

    /// <summary>Blocks of non-empty lines, each kept with its own line breaks.</summary>
    private static List<string> Paragraphs(IEnumerable<string> lines)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (var line in lines.Append(""))
        {
            if (line.Trim().Length > 0)
            {
                current.Add(line.TrimEnd());
            }
            else if (current.Count > 0)
            {
                paragraphs.Add(string.Join("\n", current));
                current.Clear();
            }
        }

        return paragraphs;
    }
}
