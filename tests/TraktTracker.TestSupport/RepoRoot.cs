namespace TraktTracker.TestSupport;

/// <summary>The repository root, found from the test binaries by walking up to TraktTracker.sln.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TraktTracker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"TraktTracker.sln not found above {AppContext.BaseDirectory}");
    }
}
