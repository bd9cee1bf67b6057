using Kami.Cli.Configuration;
using Kami.Core.Approval;
using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>[approval] in config.toml: which calls need a person's approval; a misread entry is an error, never a call run unasked.</summary>
public sealed class ApprovalSettingsTests : IDisposable
{
    private readonly ConfigTomlHomes _homes = new();

    public void Dispose() => _homes.Dispose();

    private SettingsLoader Load(string configToml) => _homes.Load(configToml);

    private static readonly SecurityPolicy Network = SecurityPolicy.DenyAll with { NetAllowList = ["api.example.com"] };

    [Fact]
    public void Load_ApprovalTable_ModesPerToolAndTheDefault()
    {
        var loader = Load("[approval]\n\"dev.kami.http-get\" = \"always\"\ndev.kami.notes = \"first-use\"\ndefault = \"when-granted\"\n");

        var approvals = loader.Settings.Approvals;
        Assert.Empty(loader.Warnings);
        Assert.Equal(ApprovalMode.Always, approvals.For("dev.kami.http-get", SecurityPolicy.DenyAll));
        Assert.Equal(ApprovalMode.FirstUse, approvals.For("dev.kami.notes", Network));
        Assert.Equal(ApprovalMode.Always, approvals.For("dev.kami.other", Network));
        Assert.Equal(ApprovalMode.Never, approvals.For("dev.kami.other", SecurityPolicy.DenyAll));
    }

    [Fact]
    public void Load_NoApprovalTable_NothingNeedsApproval()
    {
        var approvals = Load("").Settings.Approvals;

        Assert.False(approvals.Any);
        Assert.Equal(ApprovalMode.Never, approvals.For("dev.kami.http-get", Network));
    }

    [Theory]
    [InlineData("[approval]\n\"dev.kami.http-get\" = \"sometimes\"\n", "must be")]
    [InlineData("[approval]\n\"dev.kami.http-get\" = \"when-granted\"\n", "must be")]
    [InlineData("[approval]\n\"dev.kami.http-get\" = true\n", "must be")]
    [InlineData("[approval]\n\"not a tool\" = \"always\"\n", "not a tool id")]
    [InlineData("[approval.\"dev.kami.http-get\"]\nmode = \"always\"\n", "is not how approval is written")]
    public void Load_MisreadApproval_IsAnErrorNamingTheLine(string toml, string expected)
    {
        var error = Assert.Throws<KamiException>(() => Load(toml));

        Assert.Contains(expected, error.Message);
        Assert.Contains("config.toml:", error.Message);
    }
}
