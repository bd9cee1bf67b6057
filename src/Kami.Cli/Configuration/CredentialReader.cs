using System.Text.RegularExpressions;
using Kami.Core.Errors;
using Kami.Core.Security.Network;
using Microsoft.Extensions.Configuration;

namespace Kami.Cli.Configuration;

/// <summary>
/// Reads <c>[net_credentials."tool"."host"]</c> (header, value) and expands <c>${env:NAME}</c> and
/// <c>${file:/path}</c> in the value: kami reads them, the tool never does. Errors name the table and what is
/// missing, never the value.
/// </summary>
internal static partial class CredentialReader
{
    public static NetCredentials Read(IConfigurationSection section)
    {
        var rows = new List<(string, string, NetCredential)>();
        foreach (var tool in section.GetChildren())
            foreach (var host in tool.GetChildren())
            {
                var where = $"[{section.Key}.\"{tool.Key}\".\"{host.Key}\"]";
                var header = host["header"];
                var value = host["value"];
                if (string.IsNullOrWhiteSpace(header) || value is null)
                    throw new KamiException(ErrorKind.InvalidInput, $"{where} needs both header = \"...\" and value = \"...\"");
                if (!HeaderName().IsMatch(header) || header.Equals("host", StringComparison.OrdinalIgnoreCase))
                    throw new KamiException(ErrorKind.InvalidInput, $"{where}: header \"{header}\" is not a header name a credential can use");
                var expanded = Expand(value, where);
                if (expanded.Any(c => c is '\r' or '\n' or '\0'))
                    throw new KamiException(ErrorKind.InvalidInput, $"{where}: the value has a line break or NUL once expanded");
                rows.Add((tool.Key, host.Key, new NetCredential(header, expanded)));
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
