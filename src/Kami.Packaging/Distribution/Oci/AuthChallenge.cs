using System.Net.Http.Headers;
using System.Text;

namespace Kami.Packaging.Distribution.Oci;

/// <summary>
/// One <c>WWW-Authenticate</c> challenge: its scheme (Bearer, Basic) and parameters, e.g. ghcr.io's
/// <c>Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:org/name:pull"</c>.
/// </summary>
internal sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>A parameter's value, or null.</summary>
    public string? this[string name] => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>The first challenge of the response whose scheme is Bearer, else Basic; null when there is neither.</summary>
    public static AuthChallenge? From(HttpHeaderValueCollection<AuthenticationHeaderValue> headers)
    {
        var all = headers.Select(h => new AuthChallenge(h.Scheme, ParseParameters(h.Parameter ?? ""))).ToList();
        return all.FirstOrDefault(c => c.Is("Bearer")) ?? all.FirstOrDefault(c => c.Is("Basic"));
    }

    /// <summary>Whether this challenge's scheme is <paramref name="scheme"/> (schemes are case-insensitive).</summary>
    public bool Is(string scheme) => Scheme.Equals(scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>RFC 9110 auth-params: <c>name=token</c> or <c>name="quoted \" string"</c>, separated by commas.</summary>
    public static Dictionary<string, string> ParseParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] is ',' or ' ' or '\t')) i++;
            var nameStart = i;
            while (i < text.Length && text[i] is not ('=' or ',')) i++;
            var name = text[nameStart..i].Trim();
            if (i >= text.Length || text[i] != '=')
            {
                continue;
            }
            i++;
            var value = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    value.Append(text[i]);
                }
                i++;
            }
            else
            {
                while (i < text.Length && text[i] != ',') value.Append(text[i++]);
            }
            if (name.Length > 0) result.TryAdd(name, value.ToString().Trim());
        }
        return result;
    }
}
