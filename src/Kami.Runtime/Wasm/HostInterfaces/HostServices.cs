using Kami.Runtime.Http;

namespace Kami.Runtime.Wasm.HostInterfaces;

/// <summary>What the engine owns once and host functions use on every call (connection pools, the operator's bounds).</summary>
/// <param name="Http">Outbound requests (kami:http/outgoing).</param>
/// <param name="MaxOutputBytes">The call's output limit, over the returned text and every content block together.</param>
internal sealed record HostServices(OutboundHttp Http, int MaxOutputBytes);
