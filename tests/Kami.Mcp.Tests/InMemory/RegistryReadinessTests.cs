using Kami.Core.Registry;
using Kami.Mcp.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>/readyz asks the registry through its port: its own reachability probe when it has one, else ChangeStamp.</summary>
public sealed class RegistryReadinessTests
{
    [Fact]
    public async Task Check_RegistryWithItsOwnProbe_AskedThroughItNotChangeStamp()
    {
        // ChangeStamp would answer (from memory, as a notification-fed registry does) while the store is gone.
        var registry = new ProbedRegistry { StoreDown = true };
        var readiness = new RegistryReadiness(registry, NullLogger<RegistryReadiness>.Instance);

        Assert.Equal(RegistryReadiness.Unreachable, await readiness.CheckAsync(CancellationToken.None));
        registry.StoreDown = false;
        Assert.Null(await readiness.CheckAsync(CancellationToken.None));
        Assert.Equal(2, registry.Probes);
    }

    [Fact]
    public async Task Check_RegistryThatNeverAnswers_UnreadyWithinTheTimeout()
    {
        var registry = new ProbedRegistry { Hang = true };
        var readiness = new RegistryReadiness(registry, NullLogger<RegistryReadiness>.Instance);

        var started = DateTime.UtcNow;
        Assert.Equal(RegistryReadiness.Unreachable, await readiness.CheckAsync(CancellationToken.None));
        Assert.True(DateTime.UtcNow - started < RegistryReadiness.Timeout + TimeSpan.FromSeconds(5));
    }

    private sealed class ProbedRegistry : IToolRegistry, IRegistryReachability
    {
        private readonly FakeRegistry _rows = new();

        public bool StoreDown { get; set; }

        public bool Hang { get; set; }

        public int Probes { get; private set; }

        public async Task CheckReachableAsync(CancellationToken cancellation)
        {
            Probes++;
            if (Hang) await Task.Delay(Timeout.Infinite, cancellation);
            if (StoreDown) throw new InvalidOperationException("connection refused");
        }

        public long ChangeStamp() => 1;
        public InstalledTool? Find(Kami.Core.Tools.ToolId id) => _rows.Find(id);
        public IReadOnlyList<InstalledTool> List(ToolQuery query) => _rows.List(query);
        public InstalledTool? Upsert(InstalledTool tool) => _rows.Upsert(tool);
        public bool SetEnabled(Kami.Core.Tools.ToolId id, bool enabled) => _rows.SetEnabled(id, enabled);
        public InstalledTool? Remove(Kami.Core.Tools.ToolId id) => _rows.Remove(id);
        public IReadOnlySet<string> ReferencedInstallPaths() => _rows.ReferencedInstallPaths();
        public RegistryInfo Describe() => _rows.Describe();
    }
}
