using System.Management.Automation;

namespace TraktTracker.Tests.Module.Help;

/// <summary>One parameter as help shows it, read from the cmdlet's [Parameter] attributes.</summary>
internal sealed record HelpParameter(
    string Name,
    string TypeName,
    bool IsSwitch,
    bool Required,
    int? Position,
    string PipelineInput,
    bool Globbing,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> AcceptedValues)
{
    public string PositionText => Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "Named";
}

/// <summary>One parameter set: the parameters in syntax order.</summary>
internal sealed record HelpSyntax(string SetName, bool IsDefault, IReadOnlyList<HelpParameter> Parameters);

/// <summary>
/// The machine-derived part of a cmdlet's help: syntax per parameter set and every parameter's metadata,
/// taken from the engine's own CmdletInfo (real reflection, as Get-Help would do without MAML).
/// </summary>
internal sealed record CmdletShape(
    string Name,
    string Verb,
    string Noun,
    IReadOnlyList<HelpSyntax> Syntaxes,
    IReadOnlyList<HelpParameter> Parameters,
    IReadOnlyDictionary<string, IReadOnlyList<string>> SetsOf)
{
    public const string AllSets = "(All)";

    public static CmdletShape From(CmdletInfo cmdlet)
    {
        var syntaxes = cmdlet.ParameterSets.Select(s => new HelpSyntax(
            s.Name,
            s.IsDefault,
            SyntaxOrder(s.Parameters.Where(p => IsDocumented(p.Name)).Select(ToHelp)).ToList())).ToList();

        var byName = new SortedDictionary<string, HelpParameter>(StringComparer.OrdinalIgnoreCase);
        var setsOf = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var syntax in syntaxes)
        {
            foreach (var parameter in syntax.Parameters)
            {
                if (byName.TryGetValue(parameter.Name, out var seen) && !SameMetadata(seen, parameter))
                {
                    throw new NotSupportedException(
                        $"{cmdlet.Name} -{parameter.Name} differs between parameter sets; the help generator writes one block per parameter.");
                }

                byName[parameter.Name] = parameter;
                setsOf[parameter.Name] = [.. setsOf.GetValueOrDefault(parameter.Name, []), syntax.SetName];
            }
        }

        foreach (var name in setsOf.Keys.ToList())
        {
            if (setsOf[name].Count == syntaxes.Count)
            {
                setsOf[name] = [AllSets];
            }
        }

        return new CmdletShape(cmdlet.Name, cmdlet.Verb, cmdlet.Noun, syntaxes, byName.Values.ToList(), setsOf);
    }

    /// <summary>The syntax line of one parameter set, as platyPS and Get-Help write it.</summary>
    public string SyntaxLine(HelpSyntax syntax)
        => string.Join(" ", syntax.Parameters.Select(SyntaxToken).Prepend(Name).Append("[<CommonParameters>]"));

    private static string SyntaxToken(HelpParameter p)
    {
        var name = p.Position is null ? $"-{p.Name}" : $"[-{p.Name}]";
        var token = p.IsSwitch ? name : $"{name} <{p.TypeName}>";
        return p.Required ? token : $"[{token}]";
    }

    /// <summary>Common parameters are described once by PowerShell itself; WhatIf and Confirm are documented per cmdlet.</summary>
    private static bool IsDocumented(string name) => !Cmdlet.CommonParameters.Contains(name) && name != "UseTransaction";

    private static HelpParameter ToHelp(CommandParameterInfo p)
    {
        var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        return new HelpParameter(
            p.Name,
            type.Name,
            type == typeof(SwitchParameter),
            p.IsMandatory,
            p.Position == int.MinValue ? null : p.Position,
            PipelineInput(p),
            p.Attributes.OfType<SupportsWildcardsAttribute>().Any(),
            p.Aliases.ToList(),
            type.IsEnum ? Enum.GetNames(type) : []);
    }

    private static string PipelineInput(CommandParameterInfo p) => (p.ValueFromPipeline, p.ValueFromPipelineByPropertyName) switch
    {
        (true, true) => "True (ByPropertyName, ByValue)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };

    // Positional parameters first (by position), then mandatory ones, then the rest; WhatIf/Confirm last.
    private static IEnumerable<HelpParameter> SyntaxOrder(IEnumerable<HelpParameter> parameters)
        => parameters
            .Select((p, index) => (p, index))
            .OrderBy(x => x.p.Position ?? int.MaxValue)
            .ThenBy(x => x.p.Required ? 0 : 1)
            .ThenBy(x => Cmdlet.OptionalCommonParameters.Contains(x.p.Name) ? 1 : 0)
            .ThenBy(x => x.index)
            .Select(x => x.p);

    private static bool SameMetadata(HelpParameter a, HelpParameter b)
        => a.TypeName == b.TypeName && a.Required == b.Required && a.Position == b.Position
           && a.PipelineInput == b.PipelineInput && a.Globbing == b.Globbing;
}
