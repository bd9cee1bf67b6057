using Kami.Core.Security;

namespace Kami.Core.Tests.Security;

/// <summary>Issue 12: the permission diff of an update, built on CapabilitySummary.</summary>
public sealed class CapabilityDiffTests
{
    private static CapabilitySummary Of(SecurityPolicy policy) => CapabilitySummary.Of(policy, EnvDenyList.KamiOnly);

    [Fact]
    public void Between_UpdateAddsHostEnvFilesAndFuel_ListsEachAsAdded()
    {
        var installed = Of(SecurityPolicy.DenyAll with { EnvAllowList = ["HOME"], NetAllowList = ["a.example.com"] });
        var next = Of(SecurityPolicy.DenyAll with
        {
            EnvAllowList = ["HOME", "API_KEY", "KAMI_TOKEN"],
            NetAllowList = ["a.example.com", "b.example.com"],
            FsAccess = FsAccess.Sandbox,
            MaxFuel = SecurityPolicy.DefaultMaxFuel * 2,
        });

        var diff = CapabilityDiff.Between(installed, next);

        Assert.True(diff.AsksForMore);
        Assert.Equal(
            ["files: sandbox (was none)", "environment: read API_KEY", "network: names b.example.com",
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"max_fuel: {SecurityPolicy.DefaultMaxFuel * 2:N0} (was {SecurityPolicy.DefaultMaxFuel:N0})")],
            diff.Added);
        Assert.Empty(diff.Removed);
    }

    [Fact]
    public void Between_UpdateDropsCapabilities_ListsThemAsRemovedAndAsksForNothing()
    {
        var installed = Of(SecurityPolicy.DenyAll with { FsAccess = FsAccess.ReadOnly, NetAllowList = ["a.example.com"], MaxMemoryMb = 512 });

        var diff = CapabilityDiff.Between(installed, Of(SecurityPolicy.DenyAll));

        Assert.False(diff.AsksForMore);
        Assert.Equal(["files: read-only (was none)", "network: names a.example.com", "max_memory_mb: 512 (was 64)"], diff.Removed);
    }

    [Fact]
    public void Between_RaisedLimitRaisedFurther_IsAnEscalation()
    {
        var diff = CapabilityDiff.Between(Of(SecurityPolicy.DenyAll with { MaxMemoryMb = 128 }), Of(SecurityPolicy.DenyAll with { MaxMemoryMb = 256 }));

        Assert.Equal(["max_memory_mb: 256 (was 128)"], diff.Added);
        Assert.Empty(diff.Removed);
    }

    [Fact]
    public void Between_SamePolicy_IsEmpty()
    {
        var policy = Of(SecurityPolicy.DenyAll with { NetAllowList = ["a.example.com"] });

        var diff = CapabilityDiff.Between(policy, policy);

        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
    }
}
