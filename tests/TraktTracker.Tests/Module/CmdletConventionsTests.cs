using System.Management.Automation;
using System.Reflection;
using System.Xml.Linq;
using TraktTracker.Commands;

namespace TraktTracker.Tests.Module;

/// <summary>The cmdlet classes follow the team's and PowerShell's rules.</summary>
public sealed class CmdletConventionsTests
{
    private static readonly Type[] VerbClasses =
        [typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsSecurity), typeof(VerbsOther)];

    public static TheoryData<Type> CmdletTypes()
        => new(typeof(TraktCmdlet).Assembly.GetExportedTypes().Where(t => t.GetCustomAttribute<CmdletAttribute>() is not null));

    [Theory]
    [MemberData(nameof(CmdletTypes))]
    public void Cmdlet_class_is_sealed_named_after_its_verb_and_noun_and_uses_an_approved_verb(Type type)
    {
        var cmdlet = type.GetCustomAttribute<CmdletAttribute>()!;
        var approved = VerbClasses.SelectMany(c => c.GetFields()).Select(f => (string)f.GetValue(null)!);

        Assert.True(type.IsSealed, $"{type.Name} is not sealed");
        Assert.True(typeof(PSCmdlet).IsAssignableFrom(type));
        Assert.Equal($"{cmdlet.VerbName}{cmdlet.NounName}Command", type.Name);
        Assert.Contains(cmdlet.VerbName, approved);
        Assert.StartsWith("Trakt", cmdlet.NounName, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CmdletTypes))]
    public void Cmdlet_declares_its_output_types_and_each_has_a_table_view(Type type)
    {
        var tableViews = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "TraktTracker.format.ps1xml")).Descendants("View")
            .Where(v => v.Element("TableControl") is not null)
            .Select(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value)
            .ToList();

        var declared = OutputTypesOf(type).ToList();

        Assert.NotEmpty(declared);
        Assert.All(declared, output => Assert.Contains(output.FullName, tableViews));
    }

    // The rows users pipe into Export-Csv / ConvertTo-Json: history, run summaries, connection,
    // reset and InfluxDB results.
    [Theory]
    [InlineData(typeof(GetTraktHistoryCommand))]
    [InlineData(typeof(InvokeTraktBackfillCommand))]
    [InlineData(typeof(InvokeTraktSyncCommand))]
    [InlineData(typeof(InvokeTraktReconcileCommand))]
    [InlineData(typeof(ConnectTraktCommand))]
    [InlineData(typeof(ResetTraktStateCommand))]
    [InlineData(typeof(TestTraktInfluxCommand))]
    [InlineData(typeof(UpdateTraktInfluxCommand))]
    public void Output_objects_have_only_scalar_properties_so_csv_rows_are_clean(Type cmdletType)
    {
        foreach (var type in OutputTypesOf(cmdletType))
        {
            foreach (var property in type.GetProperties())
            {
                var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                var scalar = t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(DateTimeOffset) || t == typeof(TimeSpan) || t == typeof(Uri) || t == typeof(decimal);
                Assert.True(scalar, $"{type.Name}.{property.Name} is a {t.Name}, which Export-Csv cannot flatten");
            }
        }
    }

    private static IEnumerable<Type> OutputTypesOf(Type cmdlet)
        => cmdlet.GetCustomAttributes<OutputTypeAttribute>().SelectMany(a => a.Type).Select(t => t.Type!);
}
