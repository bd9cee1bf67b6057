using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>Issue 9 item 4 through the CLI: <c>kami run --env KAMI_*</c> does not hand KAMI's secrets to the guest.</summary>
public sealed class EnvDenyRunTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Run_EnvDenyListKamiVariableAsked_WarnsAndWithholdsIt()
    {
        // KAMI_DEBUG = 0 changes nothing for tests running alongside (only 1 adds stack traces).
        var saved = Environment.GetEnvironmentVariable("KAMI_DEBUG");
        Environment.SetEnvironmentVariable("KAMI_DEBUG", "0");
        try
        {
            var result = (await _cli.RunAsync("run", RepoPaths.Fixture("env_dump.wasm"), "--env", "KAMI_DEBUG")).Ok();

            Assert.Equal("", result.Out.Trim());
            Assert.Contains("warning: KAMI_DEBUG is never passed to a tool", result.Err, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("KAMI_DEBUG", saved);
        }
    }
}
