using System.Text.Json.Nodes;
using TraktTracker.TestSupport;

namespace TraktTracker.Tests.Influx;

/// <summary>A Grafana dashboard file from dashboards/, read as plain JSON.</summary>
internal sealed record Dashboard(JsonObject Json, IReadOnlyList<DashboardPanel> Panels)
{
    public const string InfluxQl = "trakttracker-influxql.json";
    public const string Flux = "trakttracker-flux.json";

    public static Dashboard Load(string fileName)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "dashboards", fileName)))!.AsObject();
        return new Dashboard(json, json["panels"]!.AsArray().Select(p => new DashboardPanel(p!.AsObject())).ToList());
    }

    /// <summary>The dashboard's variables by name, each with its type.</summary>
    public IReadOnlyDictionary<string, string> Variables
        => Json["templating"]!["list"]!.AsArray().ToDictionary(v => (string)v!["name"]!, v => (string)v!["type"]!);
}

/// <summary>One panel: its title, the datasource variable it uses and its query texts.</summary>
internal sealed record DashboardPanel(JsonObject Json)
{
    public string Title => (string)Json["title"]!;

    /// <summary>"raw" for a panel whose datasource uid is "${raw}".</summary>
    public string DatasourceVariable => ((string)Json["datasource"]!["uid"]!).Trim('$', '{', '}');

    public IReadOnlyList<string> Queries => Json["targets"]!.AsArray().Select(t => (string)t!["query"]!).ToList();

    /// <summary>The targets' own datasource variables (Grafana stores one per target too).</summary>
    public IReadOnlyList<string> TargetDatasourceVariables
        => Json["targets"]!.AsArray().Select(t => ((string)t!["datasource"]!["uid"]!).Trim('$', '{', '}')).ToList();

    public JsonNode? Transformation(string id)
        => Json["transformations"]?.AsArray().SingleOrDefault(t => (string?)t!["id"] == id);
}
