using System.Runtime.InteropServices;

namespace TraktTracker.State;

/// <summary>
/// Whether a file belongs to the user running TraktTracker. .NET has no API for a file's owner; on Linux statx
/// tells it (its struct has one layout on every architecture), elsewhere the answer is unknown and a refused
/// chmod says the same.
/// </summary>
internal static class FileOwner
{
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint UidMask = 0x8;          // STATX_UID
    private const int UidOffset = 20;          // struct statx: stx_mask, stx_blksize (u32), stx_attributes (u64), stx_nlink (u32), stx_uid

    /// <summary>True or false on Linux; null where the owner cannot be read.</summary>
    public static bool? IsCurrentUser(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[256];
        try
        {
            if (Statx(CurrentDirectory, path, 0, UidMask, buffer) != 0 || (BitConverter.ToUInt32(buffer, 0) & UidMask) == 0)
            {
                return null;
            }

            return BitConverter.ToUInt32(buffer, UidOffset) == GetEffectiveUserId();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null; // a libc without statx (glibc before 2.28): fall back to chmod's own answer
        }
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();
}
