using System.Globalization;
using TraktTracker.State;
using TraktTracker.Trakt;

namespace TraktTracker.Sync;

/// <summary>The bookkeeping a sync keeps in the state store's meta table, and how it is spelled there.</summary>
internal static class SyncMeta
{
    public const string BackfillCompletedAt = "backfill.completed_at";
    public const string MoviesWatchedAt = "activities.movies_watched_at";
    public const string EpisodesWatchedAt = "activities.episodes_watched_at";
    public const string Cursor = "sync.cursor";
    public const string LastSyncAt = "sync.last_success_at";
    public const string LastFullReconcileAt = "reconcile.last_full_at";

    /// <summary>
    /// Meta updates that record <paramref name="activities"/> as the baseline of the next incremental sync. Only a
    /// run that brought the store level with Trakt as it was when <paramref name="activities"/> were read may
    /// store them. Values from the second of the read (or later) are not stored but removed (see
    /// <see cref="LastActivities.SafeAsBaseline"/>): the next sync then looks again instead of trusting them.
    /// </summary>
    public static Dictionary<string, string?> Baseline(LastActivities activities, DateTimeOffset? cursor, DateTimeOffset now)
    {
        var safe = activities.SafeAsBaseline;
        var meta = Progress(cursor, now);
        meta[MoviesWatchedAt] = safe ? Stored(activities.MoviesWatchedAt) : null;
        meta[EpisodesWatchedAt] = safe ? Stored(activities.EpisodesWatchedAt) : null;
        return meta;
    }

    /// <summary>Meta updates of any successful sync: the newest play seen (the next window's anchor) and when.</summary>
    public static Dictionary<string, string?> Progress(DateTimeOffset? cursor, DateTimeOffset now)
    {
        var meta = new Dictionary<string, string?> { [LastSyncAt] = Format(now) };
        if (cursor is not null)
        {
            meta[Cursor] = Format(cursor);
        }

        return meta;
    }

    public static bool MatchesBaseline(StateStore store, LastActivities activities)
        => store.GetMeta(MoviesWatchedAt) is { } movies
           && store.GetMeta(EpisodesWatchedAt) is { } episodes
           && movies == Stored(activities.MoviesWatchedAt)
           && episodes == Stored(activities.EpisodesWatchedAt);

    /// <summary>An activity Trakt did not report is a value too (a first play sets it), so it can be a baseline.</summary>
    private static string Stored(DateTimeOffset? activity) => Format(activity) ?? "none";

    public static DateTimeOffset? Read(StateStore store, string key)
        => store.GetMeta(key) is { Length: > 0 } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;

    public static string? Format(DateTimeOffset? value)
        => value?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
