namespace TraktTracker.State;

/// <summary>The store's files and folders are private to the user who runs TraktTracker.</summary>
internal static class OwnerOnly
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode FolderMode = FileMode | UnixFileMode.UserExecute;
    private const UnixFileMode OthersMode = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the folder and its missing parents, each 0700 on Unix; existing folders are left as they are.</summary>
    internal static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        // Directory.CreateDirectory(path, mode) gives the mode to the last folder only; parents would get 0777 & umask.
        var missing = new Stack<string>();
        for (var current = folder; !Directory.Exists(current); current = Path.GetDirectoryName(current)!)
        {
            missing.Push(current);
        }

        while (missing.TryPop(out var next))
        {
            Directory.CreateDirectory(next, FolderMode);
        }
    }

    /// <summary>Options that create a missing file as 0600 on Unix (the mode is set at creation, never widened).</summary>
    internal static FileStreamOptions Options(System.IO.FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }

    /// <summary>
    /// Makes an existing file 0600 when others may use it: files made before (by an older version, a copy, a
    /// restore) keep their mode otherwise. A file of another user is not ours to change: the warning says so.
    /// </summary>
    internal static void Tighten(string file, IRunReporter reporter)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(file))
        {
            return;
        }

        var mode = File.GetUnixFileMode(file);
        if ((mode & OthersMode) == 0)
        {
            return;
        }

        if (FileOwner.IsCurrentUser(file) != false)
        {
            try
            {
                File.SetUnixFileMode(file, FileMode);
                reporter.Verbose($"Made {file} private to its owner (it was mode {Octal(mode)}).");
                return;
            }
            catch (UnauthorizedAccessException)
            {
                // Not the owner after all: warn below.
            }
        }

        reporter.Warning($"{file} can be used by other users (mode {Octal(mode)}) and belongs to another user, so TraktTracker " +
            $"cannot make it private. Ask its owner to run: chmod 600 '{file}'.");
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
