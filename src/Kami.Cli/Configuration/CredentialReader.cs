using System.Text.RegularExpressions;
using Kami.Core.Errors;
using Kami.Core.Security.Network;
using Microsoft.Extensions.Configuration;

namespace Kami.Cli.Configuration;

/// <summary>
/// Reads <c>[net_credentials."tool"."host"]</c> and <c>[net_credentials."tool"."host:port"]</c> (header, value) and
/// expands <c>${env:NAME}</c> and <c>${file:/path}</c> in the value: kami reads them, the tool never does. Errors name
/// the table and what is wrong (a key that is no host and port, a missing header), never the value.
/// </summary>
internal static partial class CredentialReader
{
    public static NetCredentials Read(IConfigurationSection section)
    {
        var rows = new List<(string, CredentialOrigin, NetCredential)>();
        foreach (var tool in section.GetChildren())
            foreach (var host in tool.GetChildren())
            {
                var toolId = CredentialKey.Unescape(tool.Key);
                var key = CredentialKey.Unescape(host.Key);
                var where = $"[{section.Key}.\"{toolId}\".\"{key}\"]";
                // Checked before the value is expanded: a table that can never apply reads no file and no variable.
                if (!CredentialOrigin.TryParse(key, out var origin, out var keyError))
                    throw new KamiException(ErrorKind.InvalidInput, $"{where}: \"{key}\" {keyError}");
                var header = host["header"];
                var value = host["value"];
                if (string.IsNullOrWhiteSpace(header) || value is null)
                    throw new KamiException(ErrorKind.InvalidInput, $"{where} needs both header = \"...\" and value = \"...\"");
                if (!HeaderName().IsMatch(header) || header.Equals("host", StringComparison.OrdinalIgnoreCase))
                    throw new KamiException(ErrorKind.InvalidInput, $"{where}: header \"{header}\" is not a header name a credential can use");
                var expanded = Expand(value, where);
                if (expanded.Any(c => c is '\r' or '\n' or '\0'))
                    throw new KamiException(ErrorKind.InvalidInput, $"{where}: the value has a line break or NUL once expanded");
                rows.Add((toolId, origin, new NetCredential(header, expanded)));
            }
        return NetCredentials.From(rows);
    }

    private static string Expand(string value, string where) => Reference().Replace(value, m =>
    {
        var name = m.Groups[2].Value;
        if (m.Groups[1].Value == "env")
            return Environment.GetEnvironmentVariable(name)
                ?? throw new KamiException(ErrorKind.InvalidInput, $"{where}: environment variable {name} is not set");
        try
        {
            return File.ReadAllText(name).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KamiException(ErrorKind.InvalidInput, $"{where}: cannot read {name}: {e.Message}");
        }
    });

    [GeneratedRegex(@"\$\{(env|file):([^}]+)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")]
    private static partial Regex HeaderName();
}
