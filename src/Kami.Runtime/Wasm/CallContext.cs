using Kami.Runtime.Contracts;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Per-call state that host functions need. Wasmtime's .NET component callbacks receive no store, and a
/// guest call runs synchronously on one worker thread, so the context travels in a thread-static. It also holds
/// the call's one budget of log lines, shared by every channel a guest can write to (host.log, stdout, stderr),
/// so no channel multiplies what a chatty guest can put in the host's log.
/// </summary>
internal sealed class CallContext(string toolId, IGuestLogSink? sink, int maxLogLines)
{
    [ThreadStatic] private static CallContext? _current;

    public static CallContext? Current => _current;

    public string ToolId { get; } = toolId;
    public IGuestLogSink? Sink { get; } = sink;
    /// <summary>Where progress reports go; null when the caller did not ask for them.</summary>
    public IProgressSink? Progress { get; init; }
    /// <summary>The round's input session (kami:mcp/input); null when the caller cannot answer input requests.</summary>
    public InputSession? Input { get; init; }
    private readonly int _maxLogLines = maxLogLines;

    /// <summary>The running call's time, cancellation and policy; null while start functions run (no outbound requests then).</summary>
    public GuestBudget? Budget { get; set; }

    // Each host interface's per-call state, made on the interface's first use in the call: most calls use none and
    // allocate nothing for it. A handful of interfaces at most, so a scan beats a dictionary.
    private object[]? _states;

    /// <summary>The call's state of type <typeparamref name="T"/>, made on first use; one per call, never shared with another call.</summary>
    public T State<T>() where T : class, new()
    {
        if (StateIfAny<T>() is { } existing) return existing;
        var made = new T();
        _states = _states is null ? [made] : [.. _states, made];
        return made;
    }

    /// <summary>The call's state of type <typeparamref name="T"/> if a host function made one.</summary>
    public T? StateIfAny<T>() where T : class
    {
        if (_states is null) return null;
        foreach (var state in _states)
        {
            if (state is T typed) return typed;
        }
        return null;
    }

    /// <summary>Outbound HTTP requests this call has made, for the call's metrics and audit.</summary>
    public IReadOnlyList<HttpExchange> HttpExchanges => StateIfAny<HostInterfaces.HttpCallState>()?.Exchanges ?? (IReadOnlyList<HttpExchange>)[];
    private int _linesLeft = maxLogLines;
    private int _dropped;

    /// <summary>Sends one line to the sink if the call's budget allows; counts it as dropped otherwise.</summary>
    public void Log(GuestLogLevel level, string message)
    {
        if (Sink is null) return;
        if (_linesLeft <= 0)
        {
            _dropped++;
            return;
        }
        _linesLeft--;
        try
        {
            Sink.Log(ToolId, level, message);
        }
        catch (Exception)
        {
            // A failing sink must not turn into a trap in the guest; the message is lost, the call goes on.
        }
    }

    /// <summary>
    /// At the end of the call: one line (outside the budget) saying what was dropped, if anything was: log lines over
    /// the budget, and console bytes the capture did not keep.
    /// </summary>
    public void ReportDropped(long consoleBytesDropped, int consoleLimit)
    {
        if (Sink is null || _dropped == 0 && consoleBytesDropped == 0) return;
        var parts = new List<string>(2);
        if (_dropped > 0) parts.Add($"{_dropped:N0} log lines (at most {_maxLogLines:N0} per call, over host.log, stdout and stderr)");
        if (consoleBytesDropped > 0) parts.Add($"{consoleBytesDropped:N0} bytes of stdout/stderr (at most {consoleLimit:N0} bytes are kept)");
        try
        {
            Sink.Log(ToolId, GuestLogLevel.Warn, "[kami] output dropped from this call: " + string.Join("; ", parts));
        }
        catch (Exception)
        {
            // As above: losing the note is better than failing the call.
        }
        _dropped = 0;
    }

    public Scope Enter() => new(this);

    internal readonly struct Scope : IDisposable
    {
        private readonly CallContext? _previous;

        public Scope(CallContext context)
        {
            _previous = _current;
            _current = context;
        }

        public void Dispose() => _current = _previous;
    }
}
