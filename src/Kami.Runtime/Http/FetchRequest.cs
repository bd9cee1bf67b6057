namespace Kami.Runtime.Http;

/// <summary>A request a guest asked for, as plain .NET values (the Wasm marshalling lives in Wasm/HostInterfaces/HttpOutgoingInterface).</summary>
internal sealed record FetchRequest(string Method, string Url, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body, uint? TimeoutMs)
{
    /// <summary>Where <see cref="OutboundHttp"/> records each hop it sends or refuses (the call's audit); none when null.</summary>
    public HopLog? Hops { get; init; }
}
