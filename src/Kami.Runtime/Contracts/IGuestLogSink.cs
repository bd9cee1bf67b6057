namespace Kami.Runtime.Contracts;

/// <summary>Receives a guest's log messages as they happen (called on the guest's worker thread: keep it quick).</summary>
public interface IGuestLogSink
{
    /// <summary>One message from the tool <paramref name="toolId"/>; <paramref name="message"/> is the guest's own text, unescaped.</summary>
    void Log(string toolId, GuestLogLevel level, string message);
}
