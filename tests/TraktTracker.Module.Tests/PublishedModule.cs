namespace TraktTracker.Module.Tests;

/// <summary>The published module folder under test, named by TRAKTTRACKER_MODULE_DIR.</summary>
internal static class PublishedModule
{
    public const string Variable = "TRAKTTRACKER_MODULE_DIR";

    public static string Directory => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } dir
        ? Path.GetFullPath(dir)
        : throw new InvalidOperationException(
            $"{Variable} is not set. Publish the module and point it there: " +
            $"dotnet publish src/TraktTracker -c Release -o out/TraktTracker && {Variable}=$PWD/out/TraktTracker dotnet test tests/TraktTracker.Module.Tests");

    public static string Manifest => Path.Combine(Directory, "TraktTracker.psd1");

    /// <summary>Every file under <paramref name="folder"/>, as sorted '/'-separated relative paths.</summary>
    public static IReadOnlyList<string> Files(string folder)
        => System.IO.Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>ModuleVersion from Directory.Build.props: the one version of the repository.</summary>
    public static string ExpectedVersion
    {
        get
        {
            var props = System.Xml.Linq.XDocument.Load(Path.Combine(TestSupport.RepoRoot.Path, "Directory.Build.props"));
            return props.Descendants("ModuleVersion").Single().Value;
        }
    }
}
