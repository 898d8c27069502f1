using System.Management.Automation;
using System.Reflection;
using TraktTracker.Commands;

namespace TraktTracker.Tests.Module;

/// <summary>The cmdlet classes follow the team's and PowerShell's rules (powershell-module.md §5.6, §6).</summary>
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
    public void Cmdlet_that_writes_objects_declares_them(Type type)
    {
        if (type == typeof(ResetTraktStateCommand))
        {
            Assert.Empty(type.GetCustomAttributes<OutputTypeAttribute>());   // it writes nothing, and says so in its help
            return;
        }

        Assert.NotEmpty(type.GetCustomAttributes<OutputTypeAttribute>());
    }

    [Fact]
    public void Output_objects_have_only_scalar_properties_so_csv_rows_are_clean()
    {
        foreach (var type in new[] { typeof(WatchEvent), typeof(TraktTracker.Sync.SyncSummary), typeof(TraktTracker.Trakt.ConnectionInfo), typeof(TraktTracker.Influx.InfluxTestResult), typeof(TraktTracker.Influx.ProjectionResult) })
        {
            foreach (var property in type.GetProperties())
            {
                var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                var scalar = t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(DateTimeOffset) || t == typeof(TimeSpan) || t == typeof(Uri) || t == typeof(decimal);
                Assert.True(scalar, $"{type.Name}.{property.Name} is a {t.Name}, which Export-Csv cannot flatten");
            }
        }
    }
}
