using System.Net;
using Kami.Core.Errors;

namespace Kami.Mcp.Hosting.Http;

/// <summary>Parses the <c>--http host:port</c> value and says whether it is loopback-only.</summary>
public sealed record HttpEndpoint(IPAddress Address, int Port)
{
    /// <summary>Where <c>kami serve --http</c> listens when no endpoint is given, and the example its errors show.</summary>
    public const string Default = "127.0.0.1:8931";

    /// <summary>Whether only this machine can reach the endpoint (which allows <c>--no-auth</c>).</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <summary>Reads <c>host:port</c> (an IP address, <c>[v6]</c> or <c>localhost</c>, which means 127.0.0.1; an <c>http://</c> prefix is allowed); throws <see cref="KamiException"/> (<see cref="ErrorKind.InvalidInput"/>) otherwise.</summary>
    public static HttpEndpoint Parse(string text)
    {
        var value = text.Trim();
        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) value = value[7..].TrimEnd('/');
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value[(colon + 1)..], out var port) || port is < 0 or > 65535)
            throw new KamiException(ErrorKind.InvalidInput, $"--http {text} must be host:port, e.g. {Default}");
        var host = value[..colon].Trim('[', ']');
        var address = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : throw new KamiException(ErrorKind.InvalidInput, $"--http {text}: '{host}' is not an IP address or localhost");
        return new HttpEndpoint(address, port);
    }
}
