using Kami.Runtime.Contracts;

namespace Kami.Mcp.Input;

/// <summary>
/// One round of a call, as its retry brings it: the state it carries (null on a first round), the answers so far
/// (earlier rounds' from the state, this round's from <c>inputResponses</c>), what the guest kept, whether a person
/// approved it, and what the client can answer.
/// </summary>
internal sealed class InputRound(RequestState? previous, Dictionary<string, string> answers, ClientInput client, string arguments,
    string? argumentsSha256 = null)
{
    private string? _argumentsSha256 = argumentsSha256;

    public RequestState? Previous { get; } = previous;
    public Dictionary<string, string> Answers { get; } = answers;
    public ClientInput Client { get; } = client;
    public bool Approved { get; set; } = previous?.Approved ?? false;

    /// <summary>What a state binds the call's arguments by; hashed only when a state is read or sealed, not on every call.</summary>
    public string ArgumentsSha256 => _argumentsSha256 ??= RequestStateSealer.Sha256(arguments);

    /// <summary>The answers the guest may read, in this round and the next: the host's own (an approval) stay out.</summary>
    public Dictionary<string, string> GuestAnswers() =>
        Answers.Where(a => !InputSession.IsHostKey(a.Key)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);

    /// <summary>The guest's view of the round.</summary>
    public InputSession Session() => new(GuestAnswers(), Client.Methods, Previous?.Kept);
}
