namespace TraktTracker.Tests.Module;

/// <summary>A fresh folder for a test's config.toml and state store, removed afterwards.</summary>
public sealed class ModuleTempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("tt-module-").FullName;

    public string StateDb => System.IO.Path.Combine(Path, "state.db");

    /// <summary>Writes config.toml; tests always pass one so the machine's own settings never leak in.</summary>
    public string Config(string toml = "")
    {
        var file = System.IO.Path.Combine(Path, "config.toml");
        File.WriteAllText(file, toml);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
