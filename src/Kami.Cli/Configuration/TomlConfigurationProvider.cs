using Kami.Core.Errors;
using Microsoft.Extensions.Configuration;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Kami.Cli.Configuration;

/// <summary>
/// Reads <c>$KAMI_HOME/config.toml</c> (top-level keys) into configuration, through Tomlyn's syntax tree.
/// A quoted key (<c>"token_file" = …</c>) is the same key as a bare one; anything KAMI does not read (an
/// unknown or dotted key, a table) becomes a warning, so a mistyped security setting is never dropped silently.
/// </summary>
internal sealed class TomlConfigurationProvider(string file, IReadOnlySet<string> knownKeys) : ConfigurationProvider
{
    private readonly List<string> _warnings = [];

    public string File { get; } = file;

    public IReadOnlyList<string> Warnings => _warnings;

    public override void Load()
    {
        Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        _warnings.Clear();
        if (!System.IO.File.Exists(File)) return;
        var document = SyntaxParser.Parse(System.IO.File.ReadAllText(File), File, true);
        if (document.HasErrors)
        {
            var first = document.Diagnostics.First(d => d.Kind == DiagnosticMessageKind.Error);
            throw new KamiException(ErrorKind.InvalidInput, $"{File}:{first.Span.Start.Line + 1}: invalid TOML: {first.Message}");
        }
        foreach (var kv in document.KeyValues)
        {
            if (kv.Key is null) continue;
            var key = KeyName(kv.Key);
            if (key is null || !knownKeys.Contains(key))
            {
                Warn(kv, $"unknown setting {kv.Key.ToString().Trim()} is ignored (known settings: {string.Join(", ", knownKeys.Order(StringComparer.Ordinal))})");
                continue;
            }
            Data[key] = kv.Value switch
            {
                StringValueSyntax s => s.Value,
                IntegerValueSyntax i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                BooleanValueSyntax b => b.Value ? "true" : "false",
                ArraySyntax a => string.Join(',', a.Items.Select(item => item.Value is StringValueSyntax sv ? sv.Value : item.Value?.ToString()?.Trim())),
                _ => kv.Value?.ToString()?.Trim(),
            };
        }
        foreach (var table in document.Tables)
        {
            if (table is TableSyntax && table.Name is { } name && KeyParts(name) is [var section, var tool, var host] && section == CredentialsSection)
            {
                ReadCredential(table, tool, host);
                continue;
            }
            Warn(table, $"table [{table.Name?.ToString().Trim()}] is ignored; KAMI reads only top-level settings and [{CredentialsSection}.\"<tool>\".\"<host>\"]");
        }
    }

    /// <summary>The key as TOML means it (bare or quoted alike); null for a dotted key, which no setting is.</summary>
    /// <summary>The table of injected credentials: [net_credentials."tool id"."host"] with header and value.</summary>
    public const string CredentialsSection = "net_credentials";

    private void ReadCredential(TableSyntaxBase table, string tool, string host)
    {
        foreach (var kv in table.Items.OfType<KeyValueSyntax>())
        {
            var key = kv.Key is null ? null : KeyName(kv.Key);
            if (key is not ("header" or "value") || kv.Value is not StringValueSyntax value)
            {
                Warn(kv, $"{kv.Key?.ToString().Trim()} in [{CredentialsSection}.\"{tool}\".\"{host}\"] is ignored; it takes header = \"...\" and value = \"...\"");
                continue;
            }
            Data[$"{CredentialsSection}:{tool}:{host}:{key}"] = value.Value;
        }
    }

    private static List<string>? KeyParts(KeySyntax key)
    {
        var parts = new List<string>();
        if (Part(key.Key) is not { } first) return null;
        parts.Add(first);
        if (key.DotKeys is { } dots)
            foreach (var dot in dots)
            {
                if (Part(dot.Key) is not { } next) return null;
                parts.Add(next);
            }
        return parts;
    }

    private static string? Part(BareKeyOrStringValueSyntax? key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text,
        StringValueSyntax quoted => quoted.Value,
        _ => null,
    };

    private static string? KeyName(KeySyntax key)
    {
        if (key.DotKeys is { ChildrenCount: > 0 }) return null;
        return key.Key switch
        {
            BareKeySyntax bare => bare.Key?.Text,
            StringValueSyntax quoted => quoted.Value,
            _ => null,
        };
    }

    private void Warn(SyntaxNode node, string message) => _warnings.Add($"{File}:{node.Span.Start.Line + 1}: {message}");
}
