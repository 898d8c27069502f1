using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TraktTracker.Simulator.Http;

/// <summary>
/// Joins pre-rendered items into one JSON array. With a <see cref="SimFault.MalformedItem"/> fault, the middle
/// item is replaced by a broken variant that keeps its history id.
/// </summary>
internal static class PageJson
{
    public static byte[] Render(ArraySegment<StoredPlay> items, bool full, MalformedShape? malformed)
    {
        var broken = malformed is { } shape && items.Count > 0 ? items.Count / 2 : -1;
        var parts = new byte[items.Count][];
        var length = 2 + Math.Max(0, items.Count - 1);
        for (var i = 0; i < items.Count; i++)
        {
            parts[i] = i == broken ? Break(items[i].Play, full, malformed!.Value) : items[i].Json(full);
            length += parts[i].Length;
        }
        var body = new byte[length];
        var at = 0;
        body[at++] = (byte)'[';
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) body[at++] = (byte)',';
            parts[i].CopyTo(body, at);
            at += parts[i].Length;
        }
        body[at] = (byte)']';
        return body;
    }

    private static byte[] Break(SimPlay play, bool full, MalformedShape shape)
    {
        var item = JsonNode.Parse(PlayJson.Render(play, full))!.AsObject();
        var media = play.IsMovie ? "movie" : "episode";
        switch (shape)
        {
            case MalformedShape.InvalidWatchedAt:
                item["watched_at"] = "not-a-date";
                break;
            case MalformedShape.MissingIds:
                item[media]!.AsObject().Remove("ids");
                break;
            case MalformedShape.MissingMedia:
                item.Remove(media);
                break;
        }
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, PlayJson.WriterOptions))
        {
            item.WriteTo(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
