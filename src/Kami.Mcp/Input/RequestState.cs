using System.Text.Json.Serialization;

namespace Kami.Mcp.Input;

/// <summary>
/// What a call carries from one round to the next inside its sealed <c>requestState</c>: what it is bound to (tool,
/// version, arguments, caller, expiry), a one-time id, the answers given so far, what the guest kept, and where the
/// approval stands. The client sees only the sealed form.
/// </summary>
internal sealed record RequestState(
    [property: JsonPropertyName("tool")] string Tool,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("args")] string ArgumentsSha256,
    [property: JsonPropertyName("caller")] string Caller,
    [property: JsonPropertyName("issued")] long IssuedUnix,
    [property: JsonPropertyName("expires")] long ExpiresUnix,
    [property: JsonPropertyName("id")] string Id)
{
    [JsonPropertyName("answers")] public Dictionary<string, string>? Answers { get; init; }
    [JsonPropertyName("kept")] public string? Kept { get; init; }
    /// <summary>A person approved this call (these arguments, this caller).</summary>
    [JsonPropertyName("approved")] public bool Approved { get; init; }
    /// <summary>This round asked for the approval; its answer is expected under <see cref="ApprovalGate.Key"/>.</summary>
    [JsonPropertyName("approval_asked")] public bool ApprovalAsked { get; init; }
    /// <summary>The keys the guest asked for in the round that issued this state: the answers a retry may bring.</summary>
    [JsonPropertyName("asked")] public List<string>? Asked { get; init; }
}

[JsonSerializable(typeof(RequestState))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class RequestStateJson : JsonSerializerContext;
