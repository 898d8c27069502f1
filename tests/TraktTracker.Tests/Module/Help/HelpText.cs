namespace TraktTracker.Tests.Module.Help;

/// <summary>The hand-written part of a cmdlet's help, as kept in docs/&lt;Verb-Noun&gt;.md (platyPS schema).</summary>
internal sealed record HelpText(
    string Name,
    string Synopsis,
    IReadOnlyList<string> Description,
    IReadOnlyList<HelpExample> Examples,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters,
    IReadOnlyList<HelpTypeNote> Inputs,
    IReadOnlyList<HelpTypeNote> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> RelatedLinks);

/// <summary>An example: its title, its code, and the paragraphs that explain it.</summary>
internal sealed record HelpExample(string Title, string Code, IReadOnlyList<string> Remarks);

/// <summary>An input or output type and what it means.</summary>
internal sealed record HelpTypeNote(string TypeName, IReadOnlyList<string> Description);
