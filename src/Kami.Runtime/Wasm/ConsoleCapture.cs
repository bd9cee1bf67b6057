using System.Text;
using Kami.Runtime.Execution;

namespace Kami.Runtime.Wasm;

/// <summary>Keeps the first bytes a guest writes to stdout and stderr (bounded), to hand on as log lines.</summary>
internal sealed class ConsoleCapture(int maxBytes)
{
    private readonly MemoryStream _stdout = new();
    private readonly MemoryStream _stderr = new();
    private long _dropped;

    public void Stdout(ReadOnlySpan<byte> bytes) => Append(_stdout, bytes);
    public void Stderr(ReadOnlySpan<byte> bytes) => Append(_stderr, bytes);

    private void Append(MemoryStream stream, ReadOnlySpan<byte> bytes)
    {
        var room = (int)Math.Max(0, maxBytes - _stdout.Length - _stderr.Length);
        var kept = Math.Min(room, bytes.Length);
        stream.Write(bytes[..kept]);
        _dropped += bytes.Length - kept;
    }

    public void Flush(string toolId, IGuestLogSink? sink)
    {
        if (sink is null) return;
        Emit(toolId, sink, _stdout, GuestLogLevel.Info, "stdout");
        Emit(toolId, sink, _stderr, GuestLogLevel.Warn, "stderr");
        if (_dropped > 0) sink.Log(toolId, GuestLogLevel.Warn, $"[console] {_dropped} more bytes of stdout/stderr were dropped (limit {maxBytes})");
    }

    private static void Emit(string toolId, IGuestLogSink sink, MemoryStream stream, GuestLogLevel level, string name)
    {
        if (stream.Length == 0) return;
        var text = Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            sink.Log(toolId, level, $"[{name}] {line.TrimEnd('\r')}");
    }
}
