using System.Management.Automation.Runspaces;
using System.Xml.Linq;
using TraktTracker.Commands;

namespace TraktTracker.Tests.Module;

/// <summary>The format file loads, and each view names a real output type and real properties of it.</summary>
public sealed class FormatFileTests
{
    private static readonly string FormatFile = Path.Combine(AppContext.BaseDirectory, "TraktTracker.format.ps1xml");

    [Fact]
    public void PowerShell_accepts_the_format_file()
    {
        var exception = Record.Exception(() => new FormatTable([FormatFile]));
        Assert.Null(exception);
    }

    [Fact]
    public void Every_view_targets_an_output_type_and_shows_its_properties()
    {
        var outputTypes = new[] { typeof(TraktCmdlet).Assembly, typeof(WatchEvent).Assembly }
            .SelectMany(a => a.GetExportedTypes()).ToDictionary(t => t.FullName!);
        var views = XDocument.Load(FormatFile).Descendants("View").ToList();

        Assert.Contains(views, v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == typeof(WatchEvent).FullName);
        foreach (var view in views)
        {
            var typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;
            Assert.True(outputTypes.TryGetValue(typeName, out var type), $"view for unknown type {typeName}");
            foreach (var property in view.Descendants("PropertyName").Select(p => p.Value))
            {
                Assert.NotNull(type!.GetProperty(property));
            }
        }
    }
}
