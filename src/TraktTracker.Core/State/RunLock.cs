using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TraktTracker.State;

/// <summary>
/// One sync per state store at a time, across runspaces and processes: an exclusive OS lock on
/// <c>&lt;db&gt;.lock</c> (FileShare.None, which is <c>flock(LOCK_EX)</c> on Unix). The OS releases it when
/// the holder exits, even after a crash, so there is never a stale lock to clean up.
/// </summary>
public sealed class RunLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly FileStream _lockFile;

    private RunLock(FileStream lockFile, string lockPath)
    {
        _lockFile = lockFile;
        LockPath = lockPath;
    }

    /// <summary>The lock file: <c>&lt;state db path&gt;.lock</c>.</summary>
    public string LockPath { get; }

    /// <summary>
    /// Takes the lock, polling until <paramref name="timeout"/>; then throws <see cref="StateLockedException"/>
    /// naming the holder (pid and start time). <paramref name="ct"/> ends the wait early (a service asked to stop).
    /// </summary>
    public static RunLock Acquire(string stateDbPath, TimeSpan timeout, IRunReporter? reporter = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDbPath);
        // Keyed on the real path: runs naming one store through a symlink or a relative path share this lock.
        var lockPath = StoreFiles.RealPath(stateDbPath) + ".lock";
        OwnerOnly.CreateFolder(Path.GetDirectoryName(lockPath)!);
        var waited = Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            if (TryOpenExclusive(lockPath, out var busy) is { } stream)
            {
                var runLock = new RunLock(stream, lockPath);
                runLock.WriteHolder();
                return runLock;
            }

            if (waited.Elapsed >= timeout)
            {
                throw new StateLockedException(
                    $"Another TraktTracker run is using {stateDbPath} ({DescribeHolder(lockPath)}). Wait for it to " +
                    $"finish or try again later; waited {timeout.TotalSeconds:0.#} s. The lock is released when that " +
                    $"process ends, even if it crashed ({lockPath}).", busy);
            }

            if (!told)
            {
                reporter?.Verbose($"Waiting up to {timeout.TotalSeconds:0.#} s for another TraktTracker run ({DescribeHolder(lockPath)}).");
                told = true;
            }

            ct.WaitHandle.WaitOne(PollInterval);
            ct.ThrowIfCancellationRequested();
        }
    }

    public void Dispose() => _lockFile.Dispose();

    private static FileStream? TryOpenExclusive(string lockPath, out IOException? busy)
    {
        busy = null;
        try
        {
            return new FileStream(lockPath, OwnerOnly.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex) when (ex is not (DirectoryNotFoundException or FileNotFoundException or PathTooLongException))
        {
            busy = ex;
            return null;
        }
    }

    /// <summary>
    /// Records who holds the lock. The same text goes into a sidecar file, because on .NET nobody else can open
    /// the locked file itself, not even for reading.
    /// </summary>
    private void WriteHolder()
    {
        var holder = string.Create(
            CultureInfo.InvariantCulture,
            $"since {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}, pid {Environment.ProcessId}");
        var bytes = Encoding.UTF8.GetBytes(holder);
        _lockFile.SetLength(0);
        _lockFile.Write(bytes);
        _lockFile.Flush();
        try
        {
            using var sidecar = new FileStream(HolderPath(LockPath), OwnerOnly.Options(FileMode.Create, FileAccess.Write, FileShare.Read));
            sidecar.Write(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only the message of a waiting run uses it; the lock itself holds.
        }
    }

    private static string DescribeHolder(string lockPath)
    {
        try
        {
            var holder = File.ReadAllText(HolderPath(lockPath)).Trim();
            return holder.Length > 0 ? holder : "holder unknown";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "holder unknown";
        }
    }

    private static string HolderPath(string lockPath) => lockPath + ".holder";
}
