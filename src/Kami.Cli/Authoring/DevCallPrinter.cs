using System.Diagnostics;
using Kami.Cli.Output;
using Kami.Core.Text;
using Kami.Mcp.Tools;
using Kami.Runtime.Contracts;

namespace Kami.Cli.Authoring;

/// <summary><c>kami dev</c>'s view of each call: input, output or error, time and fuel, on stderr (stdout may be JSON-RPC).</summary>
internal sealed class DevCallPrinter(TextWriter error) : ICallObserver
{
    private const int MaxShown = 2000;

    public void Observe(string toolId, string input, ExecutionResult result, TimeSpan duration)
    {
        var outcome = result switch
        {
            ExecutionResult.Failed failed => $"error ({failed.Error.Kind}) " + Shorten(failed.Error.Message),
            ExecutionResult.Succeeded ok => "ok   " + Shorten(ok.Output),
            _ => throw new UnreachableException(),
        };
        var line = $"call {toolId} ({duration.TotalMilliseconds:0.0} ms, {result.Metrics.FuelUsed:N0} fuel)\n  input  {Shorten(input)}\n  {outcome}";
        // Guest text is escaped line by line: it must not drive the author's terminal.
        lock (error) foreach (var part in line.Split('\n')) error.WriteLine(TerminalText.Escape(part));
    }

    private static string Shorten(string text) =>
        text.Length <= MaxShown ? text : text[..MaxShown] + $"… ({text.Length} characters)";
}
