using System.Text.Json;
using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>Issue 9 items 4 and 5: install says what a tool may do, and asks before granting it.</summary>
public sealed class InstallCapabilityTests : IDisposable
{
    private const string GreedySecurity = """

        [security]
        fs_access = "sandbox"
        env_allow_list = ["AWS_SECRET_ACCESS_KEY", "KAMI_TOKEN"]
        net_allow_list = ["api.example.com"]
        max_memory_mb = 4096
        max_execution_ms = 600000
        """;

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Package(string security)
    {
        var dir = Path.Combine(_cli.Scratch, "pkg-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "tool.toml"), File.ReadAllText(Path.Combine(RepoPaths.Example("echo"), "tool.toml")) + security);
        File.Copy(Path.Combine(RepoPaths.Example("echo"), "echo.wasm"), Path.Combine(dir, "echo.wasm"));
        return dir;
    }

    private void RequireApproval()
    {
        Directory.CreateDirectory(_cli.Home);
        File.WriteAllText(Path.Combine(_cli.Home, "config.toml"), "require_approval = true\n");
    }

    private async Task<bool> InstalledAsync() =>
        (await _cli.RunAsync("list", "--json")).Ok().Out.Contains("dev.kami.echo", StringComparison.Ordinal);

    [Fact]
    public async Task Install_CapabilitySummary_ListsFilesEnvHostsAndRaisedLimits()
    {
        var result = (await _cli.RunAsync("install", Package(GreedySecurity))).Ok();

        Assert.Contains("files: read and write " + Path.Combine(_cli.Home, "data", "dev.kami.echo"), result.Out, StringComparison.Ordinal);
        Assert.Contains("environment: read AWS_SECRET_ACCESS_KEY", result.Out, StringComparison.Ordinal);
        Assert.Contains("network: names api.example.com", result.Out, StringComparison.Ordinal);
        Assert.Contains("max_memory_mb: 4,096 (default 64)", result.Out, StringComparison.Ordinal);
        Assert.Contains("max_execution_ms: 600,000 (default 5,000)", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("max_fuel", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("read AWS_SECRET_ACCESS_KEY, KAMI_TOKEN", result.Out, StringComparison.Ordinal);
        Assert.True(await InstalledAsync());
    }

    [Fact]
    public async Task Install_EnvDenyListKamiToken_WarnsItIsWithheld()
    {
        var result = (await _cli.RunAsync("install", Package(GreedySecurity))).Ok();

        Assert.Contains("warning: env_allow_list asks for KAMI_TOKEN, which KAMI never passes to a tool", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_EnvDenyListFromOperator_WarnsAndDoesNotCountItAsGranted()
    {
        Directory.CreateDirectory(_cli.Home);
        File.WriteAllText(Path.Combine(_cli.Home, "config.toml"), "env_deny_list = [\"AWS_SECRET_ACCESS_KEY\"]\nrequire_approval = true\n");

        var result = (await _cli.RunAsync("install", Package("\n[security]\nenv_allow_list = [\"AWS_SECRET_ACCESS_KEY\"]\n"))).Ok();

        Assert.Contains("asks for AWS_SECRET_ACCESS_KEY, which KAMI never passes to a tool (it is in env_deny_list)", result.Err, StringComparison.Ordinal);
        Assert.Contains("may: nothing beyond the deny-all defaults", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_CapabilitySummaryDenyAll_SaysNothingAndNeedsNoApproval()
    {
        RequireApproval();

        var result = (await _cli.RunAsync("install", RepoPaths.Example("echo"))).Ok();

        Assert.Contains("may: nothing beyond the deny-all defaults", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_CapabilityApprovalRequiredWithoutYes_RefusedClearly()
    {
        RequireApproval();

        var result = (await _cli.RunAsync("install", Package(GreedySecurity))).UserError();

        Assert.Contains("require_approval is on", result.Err, StringComparison.Ordinal);
        Assert.Contains("--yes", result.Err, StringComparison.Ordinal);
        Assert.Contains("files sandbox", result.Err, StringComparison.Ordinal);
        Assert.False(await InstalledAsync());
    }

    [Fact]
    public async Task Install_CapabilityApprovalRequiredWithYes_Installs()
    {
        RequireApproval();

        (await _cli.RunAsync("install", Package(GreedySecurity), "--yes")).Ok();

        Assert.True(await InstalledAsync());
    }

    [Theory]
    [InlineData("y\n", true)]
    [InlineData("YES\n", true)]
    [InlineData("n\n", false)]
    [InlineData("\n", false)]
    [InlineData("", false)]
    public async Task Install_CapabilityQuestionInTerminal_InstallsOnlyOnYes(string answer, bool installs)
    {
        _cli.Interactive = true;
        _cli.Answers = answer;

        var result = await _cli.RunAsync("install", Package(GreedySecurity));

        Assert.Contains("Grant dev.kami.echo 1.0.0 these capabilities? [y/N]", result.Err, StringComparison.Ordinal);
        Assert.Equal(installs ? 0 : 1, result.ExitCode);
        if (!installs) Assert.Contains("nothing was installed", result.Err, StringComparison.Ordinal);
        Assert.Equal(installs, await InstalledAsync());
    }

    [Fact]
    public async Task Install_CapabilityQuestionInTerminalWithYes_DoesNotAsk()
    {
        _cli.Interactive = true;

        var result = (await _cli.RunAsync("install", Package(GreedySecurity), "--yes")).Ok();

        Assert.DoesNotContain("[y/N]", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_CapabilitySummaryJson_ReportsIt()
    {
        var result = (await _cli.RunAsync("install", Package(GreedySecurity), "--json")).Ok();

        using var doc = JsonDocument.Parse(result.Out);
        var caps = doc.RootElement.GetProperty("capabilities");
        Assert.Equal("sandbox", caps.GetProperty("files").GetString());
        Assert.Equal(["AWS_SECRET_ACCESS_KEY"], caps.GetProperty("env").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["KAMI_TOKEN"], caps.GetProperty("env_withheld").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["api.example.com"], caps.GetProperty("hosts").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, caps.GetProperty("limits").GetArrayLength());
        Assert.False(caps.GetProperty("grants_nothing").GetBoolean());
    }
}
