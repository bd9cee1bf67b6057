using Kami.Core.Registry;
using Kami.Core.Security.Network;
using Kami.Runtime.Contracts;
using Kami.Runtime.Http;

namespace Kami.Mcp.Observability;

/// <summary>
/// A call's outbound requests as its audit record keeps them: totals over every request, and at most
/// <see cref="MaxEntries"/> requests of at most <see cref="MaxHops"/> hops, each host and method cut to a sane length,
/// so a tool (or an operator's raised limits) cannot grow an audit record without bound. Only what the runtime
/// recorded goes in: host names, statuses, error cases and byte counts, never a URL path, query or header.
/// </summary>
internal static class AuditHttp
{
    /// <summary>The default per-call request limit: a call within it is audited in full.</summary>
    public const int MaxEntries = HttpLimits.DefaultMaxRequestsPerCall;

    /// <summary>The request and the default five redirects, with room to spare.</summary>
    public const int MaxHops = 8;

    /// <summary>The longest DNS name is 253 characters; anything longer is not a name worth keeping whole.</summary>
    public const int MaxHostChars = 255;

    public const int MaxMethodChars = 16;

    /// <summary>The audit summary; null for a call that made no request (no allocation on that path).</summary>
    public static HttpCallSummary? Summarize(IReadOnlyList<HttpExchange> exchanges)
    {
        if (exchanges.Count == 0) return null;
        var entries = new HttpRequestRecord[Math.Min(exchanges.Count, MaxEntries)];
        long sent = 0, received = 0;
        for (var i = 0; i < exchanges.Count; i++)
        {
            var exchange = exchanges[i];
            sent += exchange.BytesSent;
            received += exchange.BytesReceived;
            if (i >= entries.Length) continue;
            var hops = new HttpHop[Math.Min(exchange.Hops.Count, MaxHops)];
            for (var h = 0; h < hops.Length; h++)
            {
                var hop = exchange.Hops[h];
                hops[h] = hop with
                {
                    Method = Method(hop.Method), Host = Cut(hop.Host, MaxHostChars), Error = hop.Error is null ? null : Cut(hop.Error, MaxMethodChars),
                };
            }
            entries[i] = new HttpRequestRecord(hops);
        }
        return new HttpCallSummary(exchanges.Count, sent, received, entries);
    }

    /// <summary>Roughly what a summary holds in memory (strings as UTF-16, plus the records), for the audit queue's bound.</summary>
    public static long SizeOf(HttpCallSummary? http)
    {
        if (http is null) return 0;
        long size = 64;
        foreach (var entry in http.Entries)
        {
            size += 32;
            foreach (var hop in entry.Hops) size += 80 + 2L * (hop.Method.Length + hop.Host.Length + (hop.Error?.Length ?? 0));
        }
        return size;
    }

    /// <summary>The hops as the debug log shows them: "GET host 302 → GET host 200; POST host denied(not contacted)".</summary>
    public static string Describe(HttpCallSummary http) =>
        string.Join("; ", http.Entries.Select(e => string.Join(" → ", e.Hops.Select(h =>
            $"{h.Method} {h.Host} {(h.Status is { } status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}{(h.Error is null ? "" : (h.Status is null ? "" : " ") + h.Error)}{(h.Contacted ? "" : " (not contacted)")}"))));

    // A method the host refused is the tool's own text: kept only when it is a plain token, so no control character
    // or escape sequence a tool chose reaches the server log or a terminal running kami logs.
    private static string Method(string method) =>
        method.Length is > 0 and <= MaxMethodChars && method.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? method : "(invalid)";

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
