using System.Globalization;
using System.Text;
using Kami.Core.Registry;

namespace Kami.Cli.Output;

/// <summary>
/// A call's outbound HTTP in one short line for <c>kami logs</c>: each request as its hops
/// ("api.x.com 302 → cdn.x.com 200"), the method when it is not GET, then the body bytes received (↓) and sent (↑).
/// </summary>
internal static class HttpSummaryText
{
    /// <summary>The line; when longer than <paramref name="maxChars"/>, the hops are cut (with "…") and the totals kept.</summary>
    public static string Format(HttpCallSummary? http, int maxChars = int.MaxValue)
    {
        if (http is null) return "";
        var totals = Totals(http);
        var hops = Hops(http);
        if (hops.Length + totals.Length > maxChars)
            hops = string.Concat(hops.AsSpan(0, Math.Max(0, maxChars - totals.Length - 1)), "…");
        return hops + totals;
    }

    private static string Totals(HttpCallSummary http)
    {
        var text = new StringBuilder();
        if (http.Requests > http.Entries.Count)
            text.Append(CultureInfo.InvariantCulture, $" (+{http.Requests - http.Entries.Count} more)");
        text.Append(' ').Append(Bytes(http.BytesReceived)).Append('↓');
        if (http.BytesSent > 0) text.Append(' ').Append(Bytes(http.BytesSent)).Append('↑');
        return text.ToString();
    }

    private static string Hops(HttpCallSummary http)
    {
        var text = new StringBuilder();
        foreach (var entry in http.Entries)
        {
            if (text.Length > 0) text.Append(", ");
            for (var i = 0; i < entry.Hops.Count; i++)
            {
                var hop = entry.Hops[i];
                if (i > 0) text.Append(" → ");
                if (i == 0 && hop.Method != "GET") text.Append(hop.Method).Append(' ');
                text.Append(hop.Host).Append(' ');
                text.Append(hop.Status?.ToString(CultureInfo.InvariantCulture) ?? hop.Error ?? "?");
                if (hop.Status is not null && hop.Error is not null) text.Append(' ').Append(hop.Error);
            }
        }
        return text.ToString();
    }

    /// <summary>1,234 bytes as "1.2 KB" (powers of 1024, one decimal under ten).</summary>
    public static string Bytes(long bytes)
    {
        if (bytes < 1024) return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        string[] units = ["KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
