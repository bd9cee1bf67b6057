using Kami.Cli.Configuration;
using Kami.Core.Errors;
using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>[net_allow_list] in config.toml (issue 14): operators narrow a tool's list; a misshapen override is an error, never ignored.</summary>
public sealed class NetAllowListSettingsTests : IDisposable
{
    private readonly ConfigTomlHomes _homes = new();

    public void Dispose() => _homes.Dispose();

    private SettingsLoader Load(string configToml) => _homes.Load(configToml);

    [Theory]
    [InlineData("[net_allow_list]\n\"dev.kami.http-get\" = [\"API.GitHub.com\"]\n")]
    [InlineData("[net_allow_list]\ndev.kami.http-get = [\"api.github.com\"]\n")] // unquoted: TOML nests it, no tool id does
    [InlineData("net_allow_list.\"dev.kami.http-get\" = [\"api.github.com\"]\n")]
    public void Load_NetAllowList_NarrowsThatToolOnly(string toml)
    {
        var loader = Load(toml);

        var lists = loader.Settings.NetAllowLists;
        Assert.Empty(loader.Warnings);
        Assert.Equal(["dev.kami.http-get"], lists.Tools);
        Assert.Equal(["api.github.com"], lists.Narrow("dev.kami.http-get", ["api.github.com", "uploads.github.com"])!.Effective);
        Assert.Null(lists.Narrow("dev.kami.other", ["api.github.com"]));
    }

    [Fact]
    public void Load_NetAllowListEmpty_ToolReachesNothing()
    {
        var lists = Load("[net_allow_list]\n\"dev.kami.http-get\" = []\n").Settings.NetAllowLists;

        Assert.True(lists.Matcher("dev.kami.http-get", ["api.github.com"]).IsEmpty);
    }

    [Theory]
    [InlineData("[net_allow_list]\n\"dev.kami.x\" = [\"127.1\"]\n", ":2:", "write it as 127.0.0.1")]
    [InlineData("[net_allow_list]\n\"dev.kami.x\" = [\"*\"]\n", ":2:", "\"*\"")]
    [InlineData("[net_allow_list]\n\"dev.kami.x\" = [\"https://api.github.com\"]\n", ":2:", "URL")]
    [InlineData("[net_allow_list]\n\"dev.kami.x\" = \"api.github.com\"\n", ":2:", "must be an array")]
    [InlineData("[net_allow_list]\n\"dev.kami.x\" = [1]\n", ":2:", "only strings")]
    [InlineData("[net_allow_list]\n\"no-dot\" = [\"a.com\"]\n", ":2:", "not a tool id")]
    [InlineData("net_allow_list = [\"api.github.com\"]\n", ":1:", "one list per tool")]
    [InlineData("[net_allow_list.\"dev.kami.x\"]\nhosts = [\"a.com\"]\n", ":1:", "is not how net_allow_list is written")]
    [InlineData("[net_allow_list]\n\"dev.kami.x\" = [\"a.com\"]\ndev.kami.x = [\"b.com\"]\n", ":3:", "twice")]
    public void Load_NetAllowListMisshapen_RefusedAtItsLine(string toml, string line, string reason)
    {
        var e = Assert.Throws<KamiException>(() => Load(toml));

        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
        Assert.Contains("config.toml" + line, e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }
}
