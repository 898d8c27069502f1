using System.Text;

namespace TraktTracker.Tests.Module.Help;

/// <summary>
/// Writes a platyPS-style markdown page: the hand-written text from <see cref="HelpText"/>, the syntax and
/// parameter metadata from <see cref="CmdletShape"/>. Reading a page and writing it again gives the same page.
/// </summary>
internal static class MarkdownHelpWriter
{
    private const string CommonParameters =
        "This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, " +
        "-InformationVariable, -OutBuffer, -OutVariable, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, " +
        "and -WarningVariable. For more information, see " +
        "[about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).";

    public static string Write(HelpText text, CmdletShape shape)
    {
        var md = new StringBuilder();
        md.Append("---\nexternal help file: TraktTracker.dll-Help.xml\nModule Name: TraktTracker\nonline version:\nschema: 2.0.0\n---\n\n");
        md.Append($"# {shape.Name}\n\n## SYNOPSIS\n{text.Synopsis}\n\n## SYNTAX\n\n");
        foreach (var syntax in shape.Syntaxes)
        {
            if (shape.Syntaxes.Count > 1)
            {
                md.Append($"### {syntax.SetName}{(syntax.IsDefault ? " (Default)" : "")}\n");
            }

            md.Append($"```\n{shape.SyntaxLine(syntax)}\n```\n\n");
        }

        md.Append("## DESCRIPTION\n");
        Paragraphs(md, text.Description);
        md.Append("## EXAMPLES\n\n");
        foreach (var example in text.Examples)
        {
            md.Append($"### {example.Title}\n```powershell\n{example.Code}\n```\n\n");
            Paragraphs(md, example.Remarks);
        }

        md.Append("## PARAMETERS\n\n");
        foreach (var parameter in shape.Parameters)
        {
            md.Append($"### -{parameter.Name}\n");
            Paragraphs(md, text.Parameters.GetValueOrDefault(parameter.Name, []));
            Yaml(md, parameter, shape.SetsOf[parameter.Name]);
        }

        md.Append($"### CommonParameters\n{CommonParameters}\n\n");
        TypeNotes(md, "INPUTS", text.Inputs);
        TypeNotes(md, "OUTPUTS", text.Outputs);
        md.Append("## NOTES\n");
        Paragraphs(md, text.Notes);
        md.Append("## RELATED LINKS\n\n");
        md.Append(string.Join("\n\n", text.RelatedLinks)).Append(text.RelatedLinks.Count > 0 ? "\n" : "");
        return md.ToString();
    }

    private static void Yaml(StringBuilder md, HelpParameter p, IReadOnlyList<string> sets)
    {
        md.Append("```yaml\n")
            .Append($"Type: {p.TypeName}\n")
            .Append($"Parameter Sets: {string.Join(", ", sets)}\n")
            .Append($"Aliases:{(p.Aliases.Count > 0 ? " " + string.Join(", ", p.Aliases) : "")}\n");
        if (p.AcceptedValues.Count > 0)
        {
            md.Append($"Accepted values: {string.Join(", ", p.AcceptedValues)}\n");
        }

        md.Append('\n')
            .Append($"Required: {p.Required}\n")
            .Append($"Position: {p.PositionText}\n")
            .Append($"Default value: {(p.IsSwitch ? "False" : "None")}\n")
            .Append($"Accept pipeline input: {p.PipelineInput}\n")
            .Append($"Accept wildcard characters: {p.Globbing}\n")
            .Append("```\n\n");
    }

    private static void TypeNotes(StringBuilder md, string heading, IReadOnlyList<HelpTypeNote> notes)
    {
        md.Append($"## {heading}\n\n");
        foreach (var note in notes)
        {
            md.Append($"### {note.TypeName}\n");
            Paragraphs(md, note.Description);
        }
    }

    private static void Paragraphs(StringBuilder md, IReadOnlyList<string> paragraphs)
    {
        foreach (var paragraph in paragraphs)
        {
            md.Append(paragraph).Append("\n\n");
        }

        if (paragraphs.Count == 0)
        {
            md.Append('\n');
        }
    }
}
