using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>Runs <c>kami</c> in-process against a temp home, capturing stdout and stderr.</summary>
internal sealed class CliHarness : IDisposable
{
    private readonly TempDirectory _temp = new();

    public string Home => _temp.Combine("home");
    public string Scratch => _temp.Path;

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await KamiCli.RunAsync([.. args, "--home", Home], output, error, isTerminal: false);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public void Dispose() => _temp.Dispose();
}

internal sealed record CliResult(int ExitCode, string Out, string Err)
{
    public CliResult Ok()
    {
        Assert.True(ExitCode == 0, $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Err}");
        return this;
    }

    /// <summary>Exit 1 with a one-line "error:" message and no stack trace.</summary>
    public CliResult UserError()
    {
        Assert.True(ExitCode == 1, $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Err}");
        Assert.Contains("error:", Err, StringComparison.Ordinal);
        NoStackTrace();
        return this;
    }

    public CliResult NoStackTrace()
    {
        Assert.DoesNotContain("   at ", Out + Err, StringComparison.Ordinal);
        return this;
    }
}
