namespace Kami.Runtime.Http;

/// <summary>Thrown from the connect callback when every address a name resolved to is refused; becomes <c>denied</c>.</summary>
internal sealed class OutboundDeniedException(string reason) : Exception(reason);
