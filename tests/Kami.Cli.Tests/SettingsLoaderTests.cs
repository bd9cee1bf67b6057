using Kami.Cli.Configuration;
using Kami.Core.Errors;
using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>config.toml as the loader reads it (issue 9 item 12, issue 10 part 4): one row per case.</summary>
public sealed class SettingsLoaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private SettingsLoader Load(string configToml)
    {
        var home = _temp.Combine("home-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, "config.toml"), configToml);
        return SettingsLoader.Load(new Dictionary<string, string?> { [SettingKeys.Home] = home });
    }

    public static TheoryData<string, string, string> Values => new()
    {
        // config.toml line, setting key, value read
        { "token_file = \"/run/kami/token\"", SettingKeys.TokenFile, "/run/kami/token" },
        { "\"token_file\" = \"/run/kami/token\"", SettingKeys.TokenFile, "/run/kami/token" },
        { "'token_file' = \"/run/kami/token\"", SettingKeys.TokenFile, "/run/kami/token" },
        { "\"queue_limit\" = 7", SettingKeys.QueueLimit, "7" },
        { "\"pooling_allocator\" = false", SettingKeys.PoolingAllocator, "false" },
        { "allowed_origins = [\"https://a.example\", \"https://b.example\"]", SettingKeys.AllowedOrigins, "https://a.example,https://b.example" },
        { "env_deny_list = [\"AWS_SECRET_ACCESS_KEY\"]", SettingKeys.EnvDenyList, "AWS_SECRET_ACCESS_KEY" },
        { "require_approval = true", SettingKeys.RequireApproval, "true" },
        { "net_allow_private = [\"10.0.0.0/8\", \"api.internal\"]", SettingKeys.NetAllowPrivate, "10.0.0.0/8,api.internal" },
    };

    [Fact]
    public void Load_NetAllowPrivate_ReachesTheSettings()
    {
        var settings = Load("net_allow_private = [\"10.0.0.0/8\", \"api.internal\"]\n").Settings;

        Assert.Equal(["10.0.0.0/8", "api.internal"], settings.NetAllowPrivate.Entries);
        Assert.True(settings.NetAllowPrivate.Covers("x", System.Net.IPAddress.Parse("10.9.9.9")));
    }

    [Fact]
    public void Load_NetCredentials_ExpandsEnvAndFileForExactlyThatToolAndHost()
    {
        var variable = "KAMI_TEST_CRED_" + Guid.NewGuid().ToString("n")[..8];
        Environment.SetEnvironmentVariable(variable, "from-env");
        var file = _temp.Combine("token.txt");
        File.WriteAllText(file, "from-file\n");
        try
        {
            var loader = Load($$"""
                [net_credentials."dev.example.github"."api.github.com"]
                header = "Authorization"
                value = "Bearer ${env:{{variable}}}"

                [net_credentials."dev.example.other"."API.example.com"]
                header = "X-Key"
                value = "${file:{{file}}}"
                """);

            Assert.Empty(loader.Warnings);
            var credentials = loader.Settings.NetCredentials;
            Assert.Equal(new("Authorization", "Bearer from-env"), credentials.For("dev.example.github", new Uri("https://api.github.com/")));
            Assert.Equal(new("X-Key", "from-file"), credentials.For("dev.example.other", new Uri("https://api.example.com/")));
            Assert.Null(credentials.For("dev.example.github", new Uri("https://api.example.com/")));
            Assert.Null(credentials.For("dev.example.other", new Uri("https://api.github.com/")));
            Assert.DoesNotContain("from-env", credentials.For("dev.example.github", new Uri("https://api.github.com/"))!.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Load_NetCredentialsUnsetVariable_SaysWhichTableAndVariable()
    {
        var e = Assert.Throws<KamiException>(() => Load("""
            [net_credentials."dev.example.github"."api.github.com"]
            header = "Authorization"
            value = "Bearer ${env:KAMI_TEST_SURELY_UNSET_VARIABLE}"
            """));

        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
        Assert.Contains("[net_credentials.\"dev.example.github\".\"api.github.com\"]", e.Message, StringComparison.Ordinal);
        Assert.Contains("KAMI_TEST_SURELY_UNSET_VARIABLE is not set", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NetCredentialsKeysWithPorts_EachForItsHostAndPortOnly()
    {
        // Configuration splits keys at ':', so these are the keys that would come apart if they were not kept whole.
        var loader = Load("""
            [net_credentials."dev.example.local"."localhost:8443"]
            header = "Authorization"
            value = "port-8443"

            [net_credentials."dev.example.local"."LOCALHOST"]
            header = "Authorization"
            value = "default-port"

            [net_credentials."dev.example.local"."[::1]:9000"]
            header = "X-Key"
            value = "v6-9000"
            """);

        Assert.Empty(loader.Warnings);
        var credentials = loader.Settings.NetCredentials;
        Assert.Equal(["[::1]:9000", "localhost", "localhost:8443"], credentials.HostsOf("dev.example.local"));
        string? For(string url) => credentials.For("dev.example.local", new Uri(url))?.Value;
        Assert.Equal("port-8443", For("https://localhost:8443/"));
        Assert.Equal("default-port", For("https://localhost/"));
        Assert.Equal("default-port", For("http://localhost/"));
        Assert.Null(For("http://localhost:8080/"));
        Assert.Equal("v6-9000", For("http://[::1]:9000/"));
        Assert.Null(For("http://[::1]:9001/"));
    }

    [Theory]
    [InlineData("localhost:0", "port \"0\"")]
    [InlineData("localhost:65536", "port \"65536\"")]
    [InlineData("localhost:", "port \"\"")]
    [InlineData("localhost:https", "port \"https\"")]
    [InlineData(":8443", "has no host")]
    [InlineData("", "is empty")]
    [InlineData("::1:8443", "IPv6 address without brackets")]
    [InlineData("[::1]x", "not :port")]
    [InlineData("*.example.com", "wildcard")]
    [InlineData("https://api.example.com", "URL")]
    public void Load_NetCredentialsBadKey_RefusedNamingTheTableNeverTheValue(string key, string reason)
    {
        var e = Assert.Throws<KamiException>(() => Load($$"""
            [net_credentials."dev.example.local"."{{key}}"]
            header = "Authorization"
            value = "Bearer topsecret-value"
            """));

        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
        Assert.Contains($"[net_credentials.\"dev.example.local\".\"{key}\"]", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("header = \"Host\"\nvalue = \"x\"", "not a header name")]
    [InlineData("value = \"x\"", "needs both header")]
    public void Load_NetCredentialsBadTable_Refused(string body, string reason)
    {
        var e = Assert.Throws<KamiException>(() => Load("[net_credentials.\"t\".\"h.example\"]\n" + body + "\n"));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NetAllowPrivateBadEntry_SaysWhichSettingAndEntry()
    {
        var e = Assert.Throws<KamiException>(() => Load("net_allow_private = [\"10.0.0.0/99\"]\n"));

        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
        Assert.Contains("net_allow_private", e.Message, StringComparison.Ordinal);
        Assert.Contains("10.0.0.0/99", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Load_ConfigQuotedOrBareKey_IsRead(string line, string key, string expected)
    {
        var loader = Load(line + "\n");

        Assert.Equal(expected, loader.ValueOf(key));
        Assert.EndsWith("config.toml", loader.SourceOf(key), StringComparison.Ordinal);
        Assert.Empty(loader.Warnings);
    }

    [Fact]
    public void Load_ConfigQuotedKeys_ReachTheSettings()
    {
        var settings = Load("\"token_file\" = \"/run/kami/token\"\n\"require_approval\" = true\n\"env_deny_list\" = [\"AWS_SECRET_ACCESS_KEY\", \"GITHUB_TOKEN\"]\n").Settings;

        Assert.Equal("/run/kami/token", settings.TokenFile);
        Assert.True(settings.RequireApproval);
        Assert.Equal(["AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN"], settings.EnvDenyList.Names);
    }

    public static TheoryData<string, string> Unknown => new()
    {
        // config.toml text, what the warning names
        { "token_flie = \"/run/kami/token\"", "unknown setting token_flie" },
        { "\"tokenfile\" = \"/run/kami/token\"", "unknown setting \"tokenfile\"" },
        { "server.token_file = \"/run/kami/token\"", "unknown setting server.token_file" },
        { "[server]\ntoken_file = \"/run/kami/token\"", "table [server] is ignored" },
    };

    [Theory]
    [MemberData(nameof(Unknown))]
    public void Load_ConfigUnknownKey_Warns(string text, string expected)
    {
        var loader = Load(text + "\n");

        var warning = Assert.Single(loader.Warnings);
        Assert.Contains(expected, warning, StringComparison.Ordinal);
        Assert.Contains("config.toml:", warning, StringComparison.Ordinal);
        Assert.Null(loader.Settings.TokenFile);
    }

    [Theory]
    [InlineData("queue_limit = -1", "queue_limit")]
    [InlineData("require_approval = \"maybe\"", "require_approval")]
    [InlineData("log_level = \"loud\"", "log_level")]
    [InlineData("token_file = ", "invalid TOML")]
    public void Load_ConfigBadValue_ClearError(string text, string expected)
    {
        var e = Assert.Throws<KamiException>(() => Load(text + "\n"));

        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoConfigFile_DefaultsWithoutWarnings()
    {
        var home = _temp.Combine("empty-home");
        var loader = SettingsLoader.Load(new Dictionary<string, string?> { [SettingKeys.Home] = home });

        Assert.Empty(loader.Warnings);
        Assert.False(loader.Settings.RequireApproval);
        Assert.Empty(loader.Settings.EnvDenyList.Names);
        Assert.True(loader.Settings.PoolingAllocator);
    }
}
