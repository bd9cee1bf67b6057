namespace Kami.Runtime.Contracts;

/// <summary>
/// One round of a call that may ask the client for input (kami:mcp/input, MCP's input requests). A guest cannot wait
/// for a person inside its sandbox, so a round runs the guest from the start: it sees the answers given so far
/// (<see cref="Answers"/>) and the state it kept in an earlier round (<see cref="Kept"/>); what it asks and does
/// not have yet is collected in <see cref="Pending"/>, and the host answers the round with those requests.
/// Written only by the guest's worker thread while the call runs; read by the host after the call.
/// </summary>
public sealed class InputSession(IReadOnlyDictionary<string, string> answers, IReadOnlySet<string> supportedMethods, string? kept)
{
    /// <summary>Input keys starting with this (any case) are the host's own, e.g. an approval; a guest can neither ask nor read them.</summary>
    public const string HostKeyPrefix = "kami";

    /// <summary>True for a key that belongs to the host, not the guest.</summary>
    public static bool IsHostKey(string key) => key.StartsWith(HostKeyPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>At most this many requests a round may leave pending.</summary>
    public const int MaxPending = 16;

    private readonly List<PendingInput> _pending = [];

    /// <summary>The client's answers by request key, each the JSON text of its response.</summary>
    public IReadOnlyDictionary<string, string> Answers { get; } = answers;

    /// <summary>The input methods the client declared it can answer (e.g. <c>elicitation/create</c>).</summary>
    public IReadOnlySet<string> SupportedMethods { get; } = supportedMethods;

    /// <summary>What the guest kept in the previous round, or null.</summary>
    public string? Kept { get; } = kept;

    /// <summary>What the guest keeps for the next round; starts as <see cref="Kept"/>.</summary>
    public string? KeepNext { get; set; } = kept;

    /// <summary>Requests the guest made this round that have no answer yet, in the order it made them.</summary>
    public IReadOnlyList<PendingInput> Pending => _pending;

    /// <summary>Records a request the client must answer; false when the key is already pending or the round holds <see cref="MaxPending"/>.</summary>
    public bool TryAddPending(PendingInput request)
    {
        if (_pending.Count >= MaxPending || _pending.Exists(p => p.Key == request.Key)) return false;
        _pending.Add(request);
        return true;
    }
}

/// <summary>A request for input the client has not answered yet: its key, its MCP method and the JSON text of its params.</summary>
public sealed record PendingInput(string Key, string Method, string ParamsJson);
