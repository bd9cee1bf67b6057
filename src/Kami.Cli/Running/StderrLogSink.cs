using Kami.Cli.Output;
using Kami.Core.Text;
using Kami.Runtime.Contracts;

namespace Kami.Cli.Running;

/// <summary>Shows a guest's log messages on standard error while <c>kami run</c>/<c>exec</c> waits for its result.</summary>
internal sealed class StderrLogSink(TextWriter error) : IGuestLogSink
{
    public void Log(string toolId, GuestLogLevel level, string message)
    {
        lock (error) error.WriteLine(TerminalText.Escape($"[{toolId}] {level.ToString().ToLowerInvariant()}: {message}"));
    }
}
