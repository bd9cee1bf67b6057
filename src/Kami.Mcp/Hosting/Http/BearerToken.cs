using Kami.Core.Errors;

namespace Kami.Mcp.Hosting.Http;

/// <summary>
/// What a bearer token must be, wherever it comes from: at least 32 characters, the length of 128 random bits
/// written in hex. A short token can be guessed by anyone who can reach the port (a one-character one was accepted
/// on 0.0.0.0 before).
/// </summary>
internal static class BearerToken
{
    public const int MinLength = 32;

    /// <summary>The token, trimmed, or a clear refusal that names where it came from.</summary>
    public static string Check(string token, string source)
    {
        ArgumentNullException.ThrowIfNull(token);
        var trimmed = token.Trim();
        if (trimmed.Length == 0)
            throw new KamiException(ErrorKind.InvalidInput, $"the bearer token from {source} is empty; put a long random secret there (e.g. `openssl rand -hex 32`)");
        if (trimmed.Length < MinLength)
            throw new KamiException(ErrorKind.InvalidInput,
                $"the bearer token from {source} is {trimmed.Length} characters; at least {MinLength} (128 bits in hex) are required: make one with `openssl rand -hex 32`");
        return trimmed;
    }
}
