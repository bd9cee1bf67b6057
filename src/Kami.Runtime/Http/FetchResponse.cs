namespace Kami.Runtime.Http;

/// <summary>What the guest gets back: status, headers, and the body as text when it is valid UTF-8 (<see cref="Text"/>), else bytes.</summary>
internal sealed record FetchResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Text, byte[]? Bytes);
