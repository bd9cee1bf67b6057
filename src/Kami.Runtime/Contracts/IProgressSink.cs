namespace Kami.Runtime.Contracts;

/// <summary>
/// Receives a running guest's progress reports (kami:mcp/progress), already checked and rate-bounded by the host:
/// progress grows, numbers are finite, the message is bounded. Called on the guest's worker thread: keep it quick.
/// </summary>
public interface IProgressSink
{
    /// <summary>One report of the tool <paramref name="toolId"/>: how far it got, of what total if known, and what it is doing.</summary>
    void Report(string toolId, double progress, double? total, string? message);
}
