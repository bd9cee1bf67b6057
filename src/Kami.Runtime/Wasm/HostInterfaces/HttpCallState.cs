using Kami.Runtime.Contracts;

namespace Kami.Runtime.Wasm.HostInterfaces;

/// <summary>A call's outbound HTTP requests (bounded per call), for the call's metrics and audit.</summary>
internal sealed class HttpCallState
{
    public List<HttpExchange> Exchanges { get; } = [];
}
