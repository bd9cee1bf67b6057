using Kami.Core.Security;

namespace Kami.Core.Tests.Security;

/// <summary>Issue 9 item 5: the one summary of what a policy lets a tool do beyond deny-all.</summary>
public sealed class CapabilitySummaryTests
{
    private static readonly EnvDenyList Denied = new(["AWS_SECRET_ACCESS_KEY"]);

    public static TheoryData<string, SecurityPolicy, bool> Policies => new()
    {
        { "deny-all", SecurityPolicy.DenyAll, true },
        { "lower limits", SecurityPolicy.DenyAll with { MaxMemoryMb = 8, MaxExecutionMs = 100, MaxFuel = 1_000 }, true },
        { "only withheld variables", SecurityPolicy.DenyAll with { EnvAllowList = ["KAMI_TOKEN", "AWS_SECRET_ACCESS_KEY"] }, true },
        { "read-only files", SecurityPolicy.DenyAll with { FsAccess = FsAccess.ReadOnly }, false },
        { "a variable", SecurityPolicy.DenyAll with { EnvAllowList = ["HOME"] }, false },
        { "a host", SecurityPolicy.DenyAll with { NetAllowList = ["api.example.com"] }, false },
        { "more fuel", SecurityPolicy.DenyAll with { MaxFuel = SecurityPolicy.DefaultMaxFuel + 1 }, false },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void Of_CapabilitySummaryPolicy_GrantsNothingOnlyWhenNothingIsGranted(string because, SecurityPolicy policy, bool grantsNothing)
    {
        Assert.True(CapabilitySummary.Of(policy, Denied).GrantsNothing == grantsNothing, because);
    }

    [Fact]
    public void Of_CapabilitySummaryEnvDenyList_SplitsGrantedFromWithheld()
    {
        var summary = CapabilitySummary.Of(SecurityPolicy.DenyAll with { EnvAllowList = ["HOME", "KAMI_TOKEN", "aws_secret_access_key"] }, Denied);

        Assert.Equal(["HOME"], summary.Env);
        Assert.Equal(["KAMI_TOKEN", "aws_secret_access_key"], summary.EnvWithheld.Select(w => w.Name));
        Assert.Contains("KAMI's own", summary.EnvWithheld[0].Reason, StringComparison.Ordinal);
        Assert.Contains("env_deny_list", summary.EnvWithheld[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_CapabilitySummaryRaisedLimits_NamesValueAndDefault()
    {
        var summary = CapabilitySummary.Of(SecurityPolicy.DenyAll with { MaxMemoryMb = 4096, FsAccess = FsAccess.Sandbox }, EnvDenyList.KamiOnly);

        var lines = summary.Describe("/home/k/.kami/data/x");

        Assert.Equal(["files: read and write /home/k/.kami/data/x", "max_memory_mb: 4,096 (default 64)"], lines);
    }
}
