using System.Diagnostics;
using System.Runtime.Versioning;
using TraktTracker.Config;
using TraktTracker.State;
using TraktTracker.Sync;
using Xunit;

namespace TraktTracker.Tests.State;

/// <summary>The store's files on disk: one real path per store, a usable folder, owner-only modes.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class StoreFilesTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Shared = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly TempStateFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [UnixFact]
    public void Folders_the_tool_creates_are_0700_at_every_level()
    {
        var store = Path.Combine(_temp.Folder, "a", "b", "state.db");

        using (Runtime(store))
        {
        }

        Assert.All(new[] { _temp.Folder, Path.Combine(_temp.Folder, "a"), Path.Combine(_temp.Folder, "a", "b") },
            folder => Assert.Equal(OwnerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(folder)));
    }

    [UnixFact]
    public void Existing_files_of_the_store_with_wider_modes_are_made_owner_only()
    {
        using (var store = _temp.Open())
        {
            store.SetMeta("probe", "x");
        }

        Directory.CreateDirectory(_temp.Folder);
        var broken = _temp.DbPath + ".broken-20260101-000000";
        var neighbour = Path.Combine(Path.GetDirectoryName(_temp.DbPath)!, "notes.txt");
        var files = new[] { _temp.DbPath, _temp.DbPath + "-wal", _temp.DbPath + "-shm", _temp.DbPath + ".lock", _temp.DbPath + ".lock.holder", broken };
        foreach (var file in files.Append(neighbour))
        {
            File.AppendAllText(file, "");
            File.SetUnixFileMode(file, Shared);
        }

        var reporter = new RecordingReporter();
        using var runtime = Runtime(_temp.DbPath, reporter); // SQLite removes -wal and -shm when the last connection closes

        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == OwnerOnly, $"{f}: {File.GetUnixFileMode(f)}"));
        Assert.Equal(Shared, File.GetUnixFileMode(neighbour)); // not the store's: left alone
        Assert.Contains(reporter.VerboseMessages, m => m == $"Made {broken} private to its owner (it was mode 0644).");
        Assert.Empty(reporter.Warnings);
    }

    [UnixFact]
    public void A_wide_file_of_another_user_is_left_alone_with_a_warning_naming_it_and_the_fix()
    {
        using (_temp.Open())
        {
        }

        File.SetUnixFileMode(_temp.DbPath, Shared);
        Chown("65534", _temp.DbPath); // nobody; the tests run as root, which may hand a file over
        var reporter = new RecordingReporter();

        using (Runtime(_temp.DbPath, reporter))
        {
        }

        Assert.Equal(Shared, File.GetUnixFileMode(_temp.DbPath));
        var warning = Assert.Single(reporter.Warnings);
        Assert.Contains($"{_temp.DbPath} can be used by other users (mode 0644) and belongs to another user", warning);
        Assert.Contains($"chmod 600 '{_temp.DbPath}'", warning);
    }

    [UnixFact]
    public void A_broken_copy_made_by_a_reset_is_owner_only()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_temp.DbPath)!);
        File.WriteAllText(_temp.DbPath, new string('x', 4096));
        File.SetUnixFileMode(_temp.DbPath, Shared);

        using var runtime = TrackerRuntime.OpenReset(Settings(_temp.DbPath), new RecordingReporter(), keepAuth: false);

        var movedTo = runtime.LastReset!.MovedAsideTo!;
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(movedTo));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_temp.DbPath));
    }

    [UnixFact]
    public void A_symlink_and_a_relative_path_resolve_to_the_real_store_path()
    {
        var real = Path.Combine(_temp.Folder, "real");
        Directory.CreateDirectory(real);
        var link = Path.Combine(_temp.Folder, "link");
        Directory.CreateSymbolicLink(link, "real");
        var fileLink = Path.Combine(real, "alias.db");
        File.CreateSymbolicLink(fileLink, Path.Combine("..", "link", "state.db"));
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(link, ".", "sub", "..", "state.db"));

        var expected = Path.Combine(real, "state.db");
        Assert.Equal(expected, StoreFiles.RealPath(Path.Combine(link, "state.db")));
        Assert.Equal(expected, StoreFiles.RealPath(fileLink));
        Assert.Equal(expected, StoreFiles.RealPath(relative));
    }

    [UnixFact]
    public async Task Runs_reaching_one_store_through_a_symlink_are_serialized_by_one_lock()
    {
        var real = Path.Combine(_temp.Folder, "real");
        Directory.CreateDirectory(real);
        Directory.CreateSymbolicLink(Path.Combine(_temp.Folder, "link"), real);
        var viaLink = Path.Combine(_temp.Folder, "link", "state.db");

        using var holder = Runtime(Path.Combine(real, "state.db"));
        var second = Task.Run(() => Runtime(viaLink, lockTimeout: TimeSpan.FromMilliseconds(200)));

        var error = await Assert.ThrowsAsync<StateLockedException>(() => second);
        Assert.Contains(Path.Combine(real, "state.db.lock"), error.Message);
        Assert.False(File.Exists(Path.Combine(real, "link")));
    }

    [Theory]
    [InlineData("/proc/trakttracker-test/state.db")]
    [InlineData("/proc/self/state.db")]
    [InlineData("{file}/state.db")]
    public void A_state_path_whose_folder_cannot_be_created_or_written_names_the_path_and_the_fix(string template)
    {
        Directory.CreateDirectory(_temp.Folder);
        var regularFile = Path.Combine(_temp.Folder, "plain.txt");
        File.WriteAllText(regularFile, "not a folder");
        var path = template.Replace("{file}", regularFile, StringComparison.Ordinal);
        if (!OperatingSystem.IsLinux() && path.StartsWith("/proc", StringComparison.Ordinal))
        {
            return;
        }

        var error = Assert.Throws<ConfigurationException>(() => Runtime(path));

        Assert.Equal(SettingNames.StateDbPath, error.Setting);
        var real = StoreFiles.RealPath(path); // /proc/self is a link to /proc/<pid>
        Assert.StartsWith($"Cannot use the state file {real}: its folder {Path.GetDirectoryName(real)} cannot be created or written", error.Message);
        Assert.Contains("Point STATE_DB_PATH at a file in a folder this user can write", error.Message);
        Assert.Equal(FailureKind.Configuration, EngineFailure.Classify(error));
    }

    private static TrackerSettings Settings(string path) => new() { StateDbPath = path, LockTimeoutSeconds = 0 };

    private static TrackerRuntime Runtime(string path, RecordingReporter? reporter = null, TimeSpan? lockTimeout = null)
        => TrackerRuntime.Open(Settings(path), reporter ?? new RecordingReporter(), lockTimeout: lockTimeout);

    private static void Chown(string owner, string path)
    {
        using var chown = Process.Start(new ProcessStartInfo("chown", [owner, path]))!;
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
    }
}
