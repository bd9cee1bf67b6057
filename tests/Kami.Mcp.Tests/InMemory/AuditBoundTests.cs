using System.Text;
using Kami.Core.Errors;
using Kami.Core.Registry;
using Kami.Mcp.Observability;
using Kami.Runtime.Contracts;
using Microsoft.Extensions.Time.Testing;
using static Kami.Mcp.Tests.InMemory.Tools;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>Issue 9 item 7: audit records are bounded, each one's error text and the queue in bytes.</summary>
public sealed class AuditBoundTests
{
    [Fact]
    public async Task Call_AuditLogBounds_MegabyteGuestErrorsStoredCutToOneKiB()
    {
        var huge = "é" + new string('x', 4 << 20);
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.loud"));
        var audit = new MemoryAuditLog();
        var kami = new InMemoryKami(registry, new FakeExecutor(_ => ExecutionResult.Failure(ExecutionError.Of(ErrorKind.GuestFailed, huge), ExecutionMetrics.Empty)), audit);
        await using (kami)
        {
            var client = await kami.ConnectAsync();
            for (var i = 0; i < 25; i++) Assert.True((await client.CallToolAsync("dev.kami.loud")).IsError);
        }

        Assert.Equal(25, audit.Records.Count);
        Assert.All(audit.Records, r =>
        {
            Assert.True(Encoding.UTF8.GetByteCount(r.Error!) <= AuditText.MaxErrorBytes, $"{Encoding.UTF8.GetByteCount(r.Error!)} bytes stored");
            Assert.StartsWith("éxxx", r.Error, StringComparison.Ordinal);
            Assert.EndsWith($"… [cut: {Encoding.UTF8.GetByteCount(huge):N0} bytes in all]", r.Error, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("short error", false)]
    [InlineData("€", true)]   // 3 bytes a char: a cut must not split one
    [InlineData("😀", true)]  // a surrogate pair: a cut must not split the pair
    [InlineData("a", true)]
    public void Bound_AuditLogBounds_CutsBetweenCharactersWithinTheBound(string unit, bool repeat)
    {
        var text = repeat ? string.Concat(Enumerable.Repeat(unit, 5000)) : unit;
        var bounded = AuditText.Bound(text)!;

        Assert.True(Encoding.UTF8.GetByteCount(bounded) <= AuditText.MaxErrorBytes);
        if (!repeat) { Assert.Same(text, bounded); return; }
        var kept = bounded[..bounded.IndexOf('…', StringComparison.Ordinal)];
        Assert.Equal(string.Concat(Enumerable.Repeat(unit, kept.Length / unit.Length)), kept);
        Assert.Contains($"[cut: {Encoding.UTF8.GetByteCount(text):N0} bytes in all]", bounded, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(kept) > AuditText.MaxErrorBytes - 64, "the cut keeps nearly all of the bound");
    }

    [Fact]
    public async Task Record_AuditLogBounds_QueueBoundedInBytesDropsCountedAndLogged()
    {
        using var gate = new ManualResetEventSlim(false);
        var inner = new MemoryAuditLog { Gate = gate };
        var log = new CapturedLog();
        var time = new FakeTimeProvider();
        const long maxBytes = 64 * 1024;
        var buffer = new GroupCommitAuditLog(inner, log.CreateLogger("audit"), time, maxRecords: 10_000, maxBytes: maxBytes);

        // Arguments (kept when the operator opts in) are not cut, so they are what fills the byte bound here.
        var call = new CallRecord("dev.kami.big", time.GetUtcNow(), 1, "ok", 0, null, new string('a', 8 * 1024), "memory");
        for (var i = 0; i < 100; i++)
        {
            buffer.Record(call);
            Assert.True(buffer.QueuedBytes <= maxBytes, $"{buffer.QueuedBytes} bytes queued");
        }
        var kept = 100 - buffer.Dropped;
        Assert.InRange(kept, 1, maxBytes / (16 * 1024));
        Assert.Equal(kept * AuditText.SizeOf(call), buffer.QueuedBytes);

        // The writer is held (the registry write blocks).
        gate.Set();
        await buffer.DisposeAsync();

        Assert.Equal(kept, inner.Records.Count);
        var dropped = Assert.Single(log.WithEvent(3001));
        Assert.Contains($"dropped {100 - kept} audit records", dropped, StringComparison.Ordinal);
    }
}
