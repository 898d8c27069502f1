using System.Diagnostics;
using System.Text.RegularExpressions;
using TraktTracker.Config;
using TraktTracker.TestSupport;

namespace TraktTracker.Tests.Cli;

/// <summary>
/// The Dockerfile, docker-compose.yml and the image's entrypoint, checked without Docker (no image can be built
/// here): every name is a real setting, every copied or mounted path exists, and the entrypoint runs the CLI.
/// </summary>
public sealed partial class ContainerFilesTests
{
    private static string RepoFile(string relative) => Path.Combine(RepoRoot.Path, relative);

    private static string Dockerfile => File.ReadAllText(RepoFile("Dockerfile"));

    private static string Compose => File.ReadAllText(RepoFile("docker-compose.yml"));

    [Fact]
    public void The_compose_service_sets_only_real_setting_names()
    {
        var service = Compose[Compose.IndexOf("  trakt-tracker:", StringComparison.Ordinal)..Compose.IndexOf("  influxdb:", StringComparison.Ordinal)];
        var names = ComposeVariable().Matches(service).Select(m => m.Groups[1].Value).ToList();

        Assert.Contains(SettingNames.TraktClientId, names);
        Assert.Contains(SettingNames.EnableInflux, names);
        Assert.All(names, name => Assert.Contains(name, SettingNames.FileSettable));
    }

    [Fact]
    public void Compose_mounts_existing_files_and_gives_the_service_the_data_and_config_volumes()
    {
        var binds = BindSource().Matches(Compose).Select(m => m.Groups[1].Value).Where(p => p != "./config").ToList();

        Assert.NotEmpty(binds);
        Assert.All(binds, path => Assert.True(Path.Exists(RepoFile(path)), $"{path} is mounted but does not exist"));
        Assert.Contains("- trakt-data:/data", Compose);
        Assert.Contains("- ./config:/config:ro", Compose);
    }

    [Fact]
    public void The_dockerfile_copies_existing_paths_and_points_the_settings_into_its_volumes()
    {
        var sources = DockerCopy().Matches(Dockerfile).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1)).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, path => Assert.True(Path.Exists(RepoFile(path)), $"COPY {path}: no such file in the repository"));
        Assert.Contains($"{SettingNames.ConfigPath}=/config/config.toml", Dockerfile);
        Assert.Contains($"{SettingNames.StateDbPath}=/data/state.db", Dockerfile);
        Assert.Contains("VOLUME [\"/data\", \"/config\"]", Dockerfile);
        Assert.Contains("USER $APP_UID", Dockerfile);
        Assert.Contains("**/obj/", File.ReadAllText(RepoFile(".dockerignore"))); // host build output must not reach the image build
    }

    [Fact]
    public async Task The_entrypoint_drops_a_missing_config_file_and_runs_the_cli_with_the_container_arguments()
    {
        await using var bed = await CliTestBed.StartAsync(plays: 30, seed: 31);
        var configDir = Directory.CreateDirectory(Path.Combine(bed.Environment["HOME"], "config")).FullName;
        bed.Environment["APP_DIR"] = Path.GetDirectoryName(CliProcess.DllPath)!;
        bed.Environment[SettingNames.ConfigPath] = Path.Combine(configDir, "config.toml");

        var start = new ProcessStartInfo("sh", [RepoFile("docker/entrypoint.sh"), "--once", "backfill"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in bed.Environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(process.ExitCode == 0, await stdout + stderr);
        Assert.Contains($"No config file at {configDir}/config.toml", await stdout);
        Assert.Contains("Backfill finished", await stdout);
        bed.Harness.AssertStoreMatchesSimulator();
    }

    [GeneratedRegex(@"^\s+([A-Z_]+): ""\$\{\1:-", RegexOptions.Multiline)]
    private static partial Regex ComposeVariable();

    [GeneratedRegex(@"^\s+- (\./[^:]+):", RegexOptions.Multiline)]
    private static partial Regex BindSource();

    [GeneratedRegex(@"^COPY (?!--from)(.+)$", RegexOptions.Multiline)]
    private static partial Regex DockerCopy();
}
