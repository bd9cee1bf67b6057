using Kami.Runtime.Http;

namespace Kami.Runtime.Wasm.HostInterfaces;

/// <summary>What the engine owns once and host functions use on every call (connection pools and the like).</summary>
internal sealed record HostServices(OutboundHttp Http);
