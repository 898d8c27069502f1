using TraktTracker.Config;

namespace TraktTracker.State;

/// <summary>
/// Where a state store lives on disk: its real path (one store, one lock, however a run names it), a folder this
/// user can write, and owner-only modes for the file and everything made beside it.
/// </summary>
public static class StoreFiles
{
    private const int MaxLinks = 40; // as Linux's realpath: a longer chain is a loop

    /// <summary>The suffixes of the files made beside a store: SQLite's journals and the run lock with its holder note.</summary>
    private static readonly string[] Companions = ["", "-wal", "-shm", "-journal", ".lock", ".lock.holder"];

    private static readonly char[] Separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    /// <summary>
    /// The absolute path with every symbolic link resolved (in the folders and the file itself), so two runs that
    /// reach one store through a symlink or a relative path take the same lock. Missing parts stay as named.
    /// </summary>
    public static string RealPath(string path)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(Environment.CurrentDirectory, path);
        var root = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(Enumerable.Reverse(full[root.Length..].Split(Separators, StringSplitOptions.RemoveEmptyEntries)));
        var current = root;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                // The parent of what `current` really is: the links before it are already resolved.
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new ConfigurationException(SettingNames.StateDbPath,
                    $"Too many symbolic links (a loop?) in the state path {path}. Point STATE_DB_PATH at the real file.");
            }

            // Resolve the target's own parts next; an absolute target starts again from its root.
            foreach (var targetPart in Enumerable.Reverse(target.Split(Separators, StringSplitOptions.RemoveEmptyEntries)))
            {
                pending.Push(targetPart);
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
            }
        }

        return current;
    }

    /// <summary>
    /// Creates the store's folder when missing (0700) and proves this user can create files in it, so an unusable
    /// STATE_DB_PATH (a read-only folder, <c>/proc</c>, a path under a file) fails here with the path and the fix.
    /// </summary>
    public static void PrepareFolder(string storePath)
    {
        var folder = Path.GetDirectoryName(storePath)!;
        try
        {
            OwnerOnly.CreateFolder(folder);
            var probe = Path.Combine(folder, $".{Path.GetFileName(storePath)}.{Guid.NewGuid():N}.probe");
            using (new FileStream(probe, OwnerOnly.Options(FileMode.CreateNew, FileAccess.Write, FileShare.None)))
            {
            }

            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(SettingNames.StateDbPath,
                $"Cannot use the state file {storePath}: its folder {folder} cannot be created or written ({ex.Message}). " +
                "Point STATE_DB_PATH at a file in a folder this user can write, or give this user write access to that folder.");
        }
    }

    /// <summary>
    /// Makes the store and every file made beside it (journals, lock, <c>.broken-*</c> copies) owner-only, warning
    /// about the ones of another user.
    /// </summary>
    public static void MakePrivate(string storePath, IRunReporter reporter)
    {
        var folder = Path.GetDirectoryName(storePath)!;
        var name = Path.GetFileName(storePath);
        var brokenCopies = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, name + ".broken-*") : [];
        foreach (var file in Companions.Select(suffix => storePath + suffix).Concat(brokenCopies))
        {
            OwnerOnly.Tighten(file, reporter);
        }
    }
}
