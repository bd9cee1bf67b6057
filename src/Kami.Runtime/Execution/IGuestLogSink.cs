namespace Kami.Runtime.Execution;

/// <summary>Receives a guest's log messages as they happen (called on the guest's worker thread: keep it quick).</summary>
public interface IGuestLogSink
{
    void Log(string toolId, GuestLogLevel level, string message);
}
