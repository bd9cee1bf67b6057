using Kami.Runtime.Contracts;

namespace Kami.Mcp.Input;

/// <summary>
/// One round of a call, as its retry brings it: the state it carries (null on a first round), the answers so far
/// (earlier rounds' from the state, this round's from <c>inputResponses</c>), what the guest kept, whether a person
/// approved it, and what the client can answer.
/// </summary>
internal sealed class InputRound(RequestState? previous, Dictionary<string, string> answers, ClientInput client, string argumentsSha256)
{
    public RequestState? Previous { get; } = previous;
    public Dictionary<string, string> Answers { get; } = answers;
    public ClientInput Client { get; } = client;
    public string ArgumentsSha256 { get; } = argumentsSha256;
    public bool Approved { get; set; } = previous?.Approved ?? false;

    /// <summary>The guest's view of the round; the host's own answers (keys starting with "kami") stay out of it.</summary>
    public InputSession Session() => new(
        Answers.Where(a => !a.Key.StartsWith("kami", StringComparison.OrdinalIgnoreCase)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
        Client.Methods, Previous?.Kept);
}
