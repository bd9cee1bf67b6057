using System.Text;
using Kami.Runtime.Contracts;

namespace Kami.Runtime.Wasm;

/// <summary>Keeps the first bytes a guest writes to stdout and stderr (bounded), to hand on as log lines.</summary>
internal sealed class ConsoleCapture(int maxBytes)
{
    private readonly MemoryStream _stdout = new();
    private readonly MemoryStream _stderr = new();
    private long _dropped;

    public long DroppedBytes => _dropped;

    public void Stdout(ReadOnlySpan<byte> bytes) => Append(_stdout, bytes);
    public void Stderr(ReadOnlySpan<byte> bytes) => Append(_stderr, bytes);

    private void Append(MemoryStream stream, ReadOnlySpan<byte> bytes)
    {
        var room = (int)Math.Max(0, maxBytes - _stdout.Length - _stderr.Length);
        var kept = Math.Min(room, bytes.Length);
        stream.Write(bytes[..kept]);
        _dropped += bytes.Length - kept;
    }

    /// <summary>Hands what was kept to the call's log, line by line, within the call's one line budget.</summary>
    public void Flush(CallContext call)
    {
        if (call.Sink is null) return;
        Emit(call, _stdout, GuestLogLevel.Info, "stdout");
        Emit(call, _stderr, GuestLogLevel.Warn, "stderr");
    }

    private static void Emit(CallContext call, MemoryStream stream, GuestLogLevel level, string name)
    {
        if (stream.Length == 0) return;
        var text = Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            call.Log(level, $"[{name}] {line.TrimEnd('\r')}");
    }
}
