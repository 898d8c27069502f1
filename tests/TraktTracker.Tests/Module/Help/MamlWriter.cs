using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TraktTracker.Tests.Module.Help;

/// <summary>
/// Writes the MAML help file Get-Help reads (en-US/TraktTracker.dll-Help.xml). With MAML present, Get-Help takes
/// syntax and parameters only from it, so both are written from the cmdlet's real metadata.
/// </summary>
internal static partial class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static string Write(IEnumerable<(HelpText Text, CmdletShape Shape)> cmdlets)
    {
        var root = new XElement(Msh + "helpItems",
            new XAttribute("schema", "maml"),
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            cmdlets.OrderBy(c => c.Shape.Name, StringComparer.Ordinal).Select(c => CommandElement(c.Text, c.Shape)));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root + "\n";
    }

    private static XElement CommandElement(HelpText text, CmdletShape shape) => new(Command + "command",
        new XElement(Command + "details",
            new XElement(Command + "name", shape.Name),
            new XElement(Command + "verb", shape.Verb),
            new XElement(Command + "noun", shape.Noun),
            Description(Maml, [text.Synopsis])),
        Description(Maml, text.Description),
        new XElement(Command + "syntax", shape.Syntaxes.Select(s => new XElement(Command + "syntaxItem",
            new XElement(Maml + "name", shape.Name),
            s.Parameters.Select(p => Parameter(p, text, inSyntax: true))))),
        new XElement(Command + "parameters", shape.Parameters.Select(p => Parameter(p, text, inSyntax: false))),
        new XElement(Command + "inputTypes", text.Inputs.Select(i => TypeNote(Command + "inputType", i))),
        new XElement(Command + "returnValues", text.Outputs.Select(o => TypeNote(Command + "returnValue", o))),
        new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(text.Notes))),
        new XElement(Command + "examples", text.Examples.Select(e => new XElement(Command + "example",
            new XElement(Maml + "title", $"-------------------------- {e.Title} --------------------------"),
            new XElement(Dev + "code", e.Code),
            new XElement(Dev + "remarks", Paras(e.Remarks))))),
        new XElement(Command + "relatedLinks", text.RelatedLinks.Select(NavigationLink)));

    private static XElement Parameter(HelpParameter p, HelpText text, bool inSyntax)
    {
        var element = new XElement(Command + "parameter",
            new XAttribute("required", Lower(p.Required)),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", Lower(p.Globbing)),
            new XAttribute("pipelineInput", p.PipelineInput),
            new XAttribute("position", p.PositionText.ToLowerInvariant()),
            new XAttribute("aliases", p.Aliases.Count > 0 ? string.Join(", ", p.Aliases) : "none"),
            new XElement(Maml + "name", p.Name),
            Description(Maml, text.Parameters.GetValueOrDefault(p.Name, [])));
        if (inSyntax && p.AcceptedValues.Count > 0)
        {
            element.Add(new XElement(Command + "parameterValueGroup", p.AcceptedValues.Select(v =>
                new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
        }

        if (!p.IsSwitch || !inSyntax)
        {
            element.Add(new XElement(Command + "parameterValue",
                new XAttribute("required", Lower(!p.IsSwitch)), new XAttribute("variableLength", "false"), p.TypeName));
        }

        element.Add(
            new XElement(Dev + "type", new XElement(Maml + "name", p.TypeName), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", p.IsSwitch ? "False" : "None"));
        return element;
    }

    private static XElement TypeNote(XName name, HelpTypeNote note) => new(name,
        new XElement(Dev + "type", new XElement(Maml + "name", note.TypeName)),
        Description(Maml, note.Description));

    private static XElement NavigationLink(string markdownLink)
    {
        var match = LinkPattern().Match(markdownLink);
        var (label, uri) = match.Success ? (match.Groups[1].Value, match.Groups[2].Value) : (markdownLink, "");
        // Links to sibling pages (Foo.md) name a command; Get-Help shows the name.
        return new XElement(Maml + "navigationLink",
            new XElement(Maml + "linkText", label),
            new XElement(Maml + "uri", uri.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? "" : uri));
    }

    private static XElement Description(XNamespace ns, IEnumerable<string> paragraphs) => new(ns + "description", Paras(paragraphs));

    private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));

    private static string Lower(bool value) => value ? "true" : "false";

    [GeneratedRegex(@"^\[(.*)\]\((.*)\)$")]
    private static partial Regex LinkPattern();
}
