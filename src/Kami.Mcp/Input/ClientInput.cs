using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Kami.Mcp.Input;

/// <summary>
/// What the client of one request can do with input requests: the methods it declared (in the request's own
/// <c>_meta</c> under 2026-07-28, from initialize before), and whether it speaks MCP's input_required result itself
/// (2026-07-28 and later) or the server must ask it with its own requests (the SDK does that on a stateful session).
/// </summary>
internal sealed record ClientInput(IReadOnlySet<string> Methods, bool SpeaksInputRequired)
{
    public const string Elicitation = "elicitation/create";
    public const string Sampling = "sampling/createMessage";
    public const string Roots = "roots/list";
    private const string FirstInputRequiredVersion = "2026-07-28";

    public static ClientInput Of<T>(RequestContext<T> request)
    {
        var context = request.JsonRpcRequest?.Context;
        var capabilities = context?.ClientCapabilities ?? request.Server.ClientCapabilities;
        var methods = new HashSet<string>(StringComparer.Ordinal);
        if (capabilities?.Elicitation is not null) methods.Add(Elicitation);
        // Sampling and roots are deprecated by 2026-07-28 (SEP-2577) but still part of it: a client that declares them answers them.
#pragma warning disable MCP9005
        if (capabilities?.Sampling is not null) methods.Add(Sampling);
        if (capabilities?.Roots is not null) methods.Add(Roots);
#pragma warning restore MCP9005
        var version = context?.ProtocolVersion ?? request.Server.NegotiatedProtocolVersion;
        return new ClientInput(methods, version is not null && string.CompareOrdinal(version, FirstInputRequiredVersion) >= 0);
    }
}
