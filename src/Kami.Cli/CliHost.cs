using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;

namespace Kami.Cli;

/// <summary>
/// What the <c>kami</c> command takes from the process it runs in: where output goes, whether a person is at a
/// terminal to answer a question, where answers are read from, and how a runtime is made. Tests replace parts.
/// </summary>
internal sealed record CliHost(TextWriter Output, TextWriter Error)
{
    /// <summary>Standard output is a terminal: colour and tables sized to it, guest output escaped.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>A person can answer a question: standard input and error are terminals.</summary>
    public bool IsInteractive { get; init; }

    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>Where <c>kami build</c> looks for node, npm and clang; null means the process's PATH.</summary>
    public string? SearchPath { get; init; }

    /// <summary>The guest/ toolchain directory; null: <c>KAMI_GUEST_DIR</c>, else found from the binary.</summary>
    public string? GuestDirectory { get; init; }

    /// <summary>Makes the runtime of a one-shot command (exec, run, validate).</summary>
    public Func<RuntimeOptions, ToolRuntime> NewRuntime { get; init; } = options => new ToolRuntime(options);

    public static CliHost FromConsole() => new(Console.Out, Console.Error)
    {
        IsTerminal = !Console.IsOutputRedirected,
        IsInteractive = !Console.IsInputRedirected && !Console.IsErrorRedirected,
        Input = Console.In,
    };
}
