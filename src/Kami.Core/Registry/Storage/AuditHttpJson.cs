using System.Text.Json;

namespace Kami.Core.Registry.Storage;

/// <summary>
/// A call's per-request hops as every audit adapter stores them (one JSON column beside the totals), so the two
/// adapters write and read one format.
/// </summary>
internal static class AuditHttpJson
{
    /// <summary>The hops as stored, or null when the call made no request.</summary>
    public static string? Write(HttpCallSummary? http) =>
        http is null ? null : JsonSerializer.Serialize(http.Entries, AuditJsonContext.Default.IReadOnlyListHttpRequestRecord);

    /// <summary>The summary from the total columns and the stored hops; null when the call made no request.</summary>
    public static HttpCallSummary? Read(int requests, long sent, long received, string? json) =>
        requests == 0 && json is null ? null : new HttpCallSummary(requests, sent, received, json is null ? [] : Entries(json));

    // A damaged column costs that call's hop list, never the listing: the totals are in their own columns.
    private static IReadOnlyList<HttpRequestRecord> Entries(string json)
    {
        try
        {
            var entries = JsonSerializer.Deserialize(json, AuditJsonContext.Default.IReadOnlyListHttpRequestRecord) ?? [];
            return entries.All(e => e?.Hops is { Count: > 0 } hops && hops.All(h => h?.Host is not null && h.Method is not null)) ? entries : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
