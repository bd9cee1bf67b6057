using Kami.Runtime.Execution;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Per-call state that host functions need. Wasmtime's .NET component callbacks receive no store, and a
/// guest call runs synchronously on one worker thread, so the context travels in a thread-static.
/// </summary>
internal sealed class CallContext(string toolId, IGuestLogSink? sink, int maxLogMessages)
{
    [ThreadStatic] private static CallContext? _current;

    public static CallContext? Current => _current;

    public string ToolId { get; } = toolId;
    public IGuestLogSink? Sink { get; } = sink;
    private int _logBudget = maxLogMessages;

    public bool TryTakeLogBudget() => _logBudget-- > 0;

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
