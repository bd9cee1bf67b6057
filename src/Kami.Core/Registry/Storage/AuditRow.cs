using System.Data;
using System.Globalization;

namespace Kami.Core.Registry.Storage;

/// <summary>
/// A call record as a row of the <c>calls</c> table, the one mapping both adapters use (columns, values in that order,
/// and the record read back), so a new field is added here once.
/// </summary>
internal static class AuditRow
{
    /// <summary>The columns, in the order of <see cref="Values"/> and of what <see cref="Read"/> expects.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["tool_id", "started_at", "duration_ms", "outcome", "fuel_used", "error", "arguments", "transport", "http_requests", "http_bytes_sent", "http_bytes_received", "http", "caller"];

    /// <summary>The columns as a SQL list.</summary>
    public static string ColumnList { get; } = string.Join(", ", Columns);

    /// <summary>The call's values, one per column (null as <see cref="DBNull"/>; fuel clamped to a signed 64-bit column).</summary>
    public static object[] Values(CallRecord call) =>
    [
        call.ToolId,
        call.StartedAt.ToString("O", CultureInfo.InvariantCulture),
        call.DurationMs,
        call.Outcome,
        (long)Math.Min(call.FuelUsed, long.MaxValue),
        (object?)call.Error ?? DBNull.Value,
        (object?)call.Arguments ?? DBNull.Value,
        call.Transport,
        call.Http?.Requests ?? 0,
        call.Http?.BytesSent ?? 0L,
        call.Http?.BytesReceived ?? 0L,
        (object?)AuditHttpJson.Write(call.Http) ?? DBNull.Value,
        (object?)call.Caller ?? DBNull.Value,
    ];

    /// <summary>
    /// The first <see cref="Columns"/>.Count columns of <paramref name="r"/> exactly as stored (null for NULL, integers
    /// as 64-bit), what <see cref="AuditChain.Hash"/> is computed over when the record is written and when it is checked.
    /// </summary>
    public static object?[] Stored(IDataRecord r)
    {
        var values = new object?[Columns.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = r.GetValue(i) switch { DBNull => null, int n => (long)n, short n => (long)n, var v => v };
        return values;
    }

    /// <summary>The record in <paramref name="r"/>'s first <see cref="Columns"/>.Count columns.</summary>
    public static CallRecord Read(IDataRecord r) =>
        new(r.GetString(0), DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture), r.GetDouble(2),
            r.GetString(3), (ulong)r.GetInt64(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7))
        {
            Http = AuditHttpJson.Read(r.GetInt32(8), r.GetInt64(9), r.GetInt64(10), r.IsDBNull(11) ? null : r.GetString(11)),
            Caller = r.IsDBNull(12) ? null : r.GetString(12),
        };
}
