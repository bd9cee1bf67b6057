using Kami.Core.Security.Network;
using Kami.Mcp.Observability;
using Kami.Runtime.Contracts;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>The HTTP summary an audit record keeps: bounded however many requests, hops or characters a call produced.</summary>
public sealed class AuditHttpTests
{
    private static HttpExchange Exchange(string host, int hops = 1) =>
        new([.. Enumerable.Range(0, hops).Select(i => new HttpHop("GET", host, true, i == hops - 1 ? 200 : 302, null, 1, 10))]);

    [Fact]
    public void Summarize_MethodWithEscapeSequence_RecordedAsInvalid()
    {
        var summary = AuditHttp.Summarize([new HttpExchange([new HttpHop("GET\u001b[2J", "h.example", false, null, "invalid", 0, 0)])])!;

        Assert.Equal("(invalid)", summary.Entries[0].Hops[0].Method);
    }

    [Fact]
    public void Summarize_NoRequests_Null()
    {
        Assert.Null(AuditHttp.Summarize([]));
    }

    [Fact]
    public void Summarize_MoreRequestsThanTheBound_KeepsSixteenAndTotalsOfAll()
    {
        var summary = AuditHttp.Summarize([.. Enumerable.Range(0, 40).Select(i => Exchange($"h{i}.example"))])!;

        Assert.Equal(AuditHttp.MaxEntries, summary.Entries.Count);
        Assert.Equal((40, 40L, 400L), (summary.Requests, summary.BytesSent, summary.BytesReceived));
        Assert.Equal("h15.example", summary.Entries[^1].Hops[0].Host);
    }

    [Fact]
    public void Summarize_HugeHostMethodAndHopChain_Cut()
    {
        var host = new string('a', 100_000) + ".example";
        var exchange = new HttpExchange([.. Enumerable.Range(0, 50).Select(_ => new HttpHop(new string('M', 5000), host, false, null, "invalid", 0, 0))]);

        var summary = AuditHttp.Summarize([exchange])!;

        var hops = Assert.Single(summary.Entries).Hops;
        Assert.Equal(AuditHttp.MaxHops, hops.Count);
        Assert.All(hops, h => Assert.True(h.Host.Length <= AuditHttp.MaxHostChars && h.Method == "(invalid)"));
        Assert.InRange(AuditHttp.SizeOf(summary), 1, 16 * 1024);
    }
}
