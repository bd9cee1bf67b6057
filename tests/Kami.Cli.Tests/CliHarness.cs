using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>Runs <c>kami</c> in-process against a temp home, capturing stdout and stderr.</summary>
internal sealed class CliHarness : IDisposable
{
    private readonly TempDirectory _temp = new();

    public string Home => _temp.Combine("home");
    public string Scratch => _temp.Path;

    /// <summary>Whether the command believes a person is at a terminal to answer its questions.</summary>
    public bool Interactive { get; set; }

    /// <summary>What that person types, line by line.</summary>
    public string Answers { get; set; } = "";

    /// <summary>Where kami build looks for node, npm and clang (null: the process's PATH).</summary>
    public string? SearchPath { get; set; }

    /// <summary>The guest/ toolchain kami build uses (null: the checkout's).</summary>
    public string? GuestDirectory { get; set; }

    /// <summary>The options of every runtime a one-shot command made.</summary>
    public List<RuntimeOptions> Runtimes { get; } = [];

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost(output, error)
        {
            IsInteractive = Interactive,
            Input = new StringReader(Answers),
            SearchPath = SearchPath,
            GuestDirectory = GuestDirectory,
            NewRuntime = options =>
            {
                lock (Runtimes) Runtimes.Add(options);
                return new ToolRuntime(options);
            },
        };
        var exit = await KamiCli.RunAsync([.. args, "--home", Home], host);
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
