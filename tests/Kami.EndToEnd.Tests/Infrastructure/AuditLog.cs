using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kami.EndToEnd.Tests.Infrastructure;

/// <summary>One line of <c>kami logs --json</c>.</summary>
public sealed record AuditRecord(
    [property: JsonPropertyName("tool")] string Tool,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("duration_ms")] double DurationMs,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("fuel_used")] ulong FuelUsed,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("arguments")] string? Arguments,
    [property: JsonPropertyName("transport")] string Transport,
    [property: JsonPropertyName("caller")] string? Caller = null);

/// <summary>Reads the audit log through <c>kami logs --json</c>, as a user would.</summary>
public static class AuditLog
{
    public static async Task<IReadOnlyList<AuditRecord>> ReadAsync(KamiHome home)
    {
        var result = await KamiCli.RunOkAsync("logs", "--json", "--limit", "1000", "--home", home.Path);
        return JsonSerializer.Deserialize(result.Stdout, AuditJsonContext.Default.ListAuditRecord) ?? [];
    }

    /// <summary>
    /// An answered call's record is committed before the answer, but a cancelled call (no answer) or one answered while
    /// the database was slow is written a moment later; there is no event to await across processes, so this re-reads
    /// the log until one matches.
    /// </summary>
    public static async Task<AuditRecord> WaitForAsync(KamiHome home, Func<AuditRecord, bool> match)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var records = await ReadAsync(home);
            if (records.FirstOrDefault(match) is { } found) return found;
            if (clock.Elapsed > TimeSpan.FromSeconds(20))
                Assert.Fail("no matching audit record in kami logs --json; it has:\n" + string.Join("\n", records.Take(20)));
            await Task.Delay(200);
        }
    }
}

[JsonSerializable(typeof(List<AuditRecord>))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
