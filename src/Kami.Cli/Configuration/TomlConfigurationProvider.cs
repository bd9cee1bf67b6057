using Kami.Core.Errors;
using Kami.Core.Security.Network;
using Microsoft.Extensions.Configuration;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Kami.Cli.Configuration;

/// <summary>
/// Reads <c>$KAMI_HOME/config.toml</c> (top-level keys) into configuration, through Tomlyn's syntax tree.
/// A quoted key (<c>"token_file" = …</c>) is the same key as a bare one; anything KAMI does not read (an
/// unknown or dotted key, a table) becomes a warning, so a mistyped security setting is never dropped silently.
/// A misshapen <c>[net_allow_list]</c> is an error instead: dropping a narrowing would widen what a tool may reach.
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
            if (KeyParts(kv.Key) is [AllowListSection, .. var dotted])
            {
                // net_allow_list."tool" = [...] is the same as the table form; a bare net_allow_list = [...] names no tool.
                if (dotted.Count == 0) throw Error(kv, $"{AllowListSection} takes one list per tool: [{AllowListSection}] then \"<tool id>\" = [\"host\", ...]");
                ReadAllowList(kv, string.Join('.', dotted));
                continue;
            }
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
            if (table.Name is { } allowName && KeyParts(allowName) is [AllowListSection, ..] parts)
            {
                // Ignoring a misshapen narrowing would leave tools more than the operator meant: an error, not a warning.
                if (table is not TableSyntax || parts.Count != 1)
                    throw Error(table, $"[{table.Name.ToString().Trim()}] is not how {AllowListSection} is written: [{AllowListSection}] then \"<tool id>\" = [\"host\", ...]");
                foreach (var item in table.Items.OfType<KeyValueSyntax>())
                    if (item.Key is not null && KeyParts(item.Key) is { Count: > 0 } toolParts) ReadAllowList(item, string.Join('.', toolParts));
                continue;
            }
            if (table.Name is { } approvalName && KeyParts(approvalName) is [ApprovalSection, ..] approvalParts)
            {
                // Like a narrowing, a misread approval would let calls run that the operator meant a person to see.
                if (table is not TableSyntax || approvalParts.Count != 1)
                    throw Error(table, $"[{table.Name.ToString().Trim()}] is not how {ApprovalSection} is written: [{ApprovalSection}] then \"<tool id>\" = \"always\" (or default = \"when-granted\")");
                foreach (var item in table.Items.OfType<KeyValueSyntax>())
                    if (item.Key is not null && KeyParts(item.Key) is { Count: > 0 } toolParts) ReadApproval(item, string.Join('.', toolParts));
                continue;
            }
            Warn(table, $"table [{table.Name?.ToString().Trim()}] is ignored; KAMI reads only top-level settings, [{AllowListSection}], [{ApprovalSection}] and [{CredentialsSection}.\"<tool>\".\"<host>\"]");
        }
    }

    /// <summary>The table of injected credentials: [net_credentials."tool id"."host"] or ."host:port"] with header and value.</summary>
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
            Data[$"{CredentialsSection}:{CredentialKey.Escape(tool)}:{CredentialKey.Escape(host)}:{key}"] = value.Value;
        }
    }

    /// <summary>Which calls need a person's approval: [approval] with "tool id" = "always" | "first-use" | "never", and default = (those or "when-granted").</summary>
    public const string ApprovalSection = "approval";

    private void ReadApproval(KeyValueSyntax kv, string tool)
    {
        var isDefault = tool == Kami.Core.Approval.ApprovalPolicy.DefaultKey;
        if (!isDefault && !Kami.Core.Tools.ToolId.TryParse(tool, out _, out var idError))
            throw Error(kv, $"[{ApprovalSection}] \"{tool}\" is not a tool id (or default): {idError}");
        var text = (kv.Value as StringValueSyntax)?.Value;
        var valid = text is not null && (Kami.Core.Approval.ApprovalPolicy.ParseMode(text) is not null || isDefault && text == Kami.Core.Approval.ApprovalPolicy.WhenGranted);
        if (!valid)
            throw Error(kv, $"[{ApprovalSection}] \"{tool}\" must be \"always\", \"first-use\" or \"never\"{(isDefault ? " (or \"when-granted\")" : "")}; found {kv.Value?.ToString()?.Trim()}");
        var key = $"{ApprovalSection}:{tool}";
        if (Data.ContainsKey(key)) throw Error(kv, $"[{ApprovalSection}] names \"{tool}\" twice");
        Data[key] = text;
    }

    /// <summary>The table of operator narrowings: [net_allow_list] with "tool id" = ["host", ...].</summary>
    public const string AllowListSection = "net_allow_list";

    /// <summary>
    /// One tool's narrowing, validated here so a bad entry is reported at its line; stored canonical and comma-joined
    /// (an empty list stays present as "", meaning the tool reaches nothing). An unquoted dotted tool id
    /// (<c>dev.kami.x = [...]</c>) is TOML for nested keys, but no tool id nests, so it means the id written.
    /// </summary>
    private void ReadAllowList(KeyValueSyntax kv, string tool)
    {
        if (!Kami.Core.Tools.ToolId.TryParse(tool, out _, out var idError))
            throw Error(kv, $"[{AllowListSection}] \"{tool}\" is not a tool id: {idError}");
        if (kv.Value is not ArraySyntax array)
            throw Error(kv, $"[{AllowListSection}] \"{tool}\" must be an array of hosts, e.g. [\"api.github.com\"] ([] for none)");
        var entries = new List<string>();
        foreach (var item in array.Items)
        {
            if (item.Value is not StringValueSyntax text)
                throw Error(kv, $"[{AllowListSection}] \"{tool}\" must hold only strings; found {item.Value?.ToString()?.Trim()}");
            var entry = AllowListEntry.Parse(text.Value ?? "", out var error)
                ?? throw Error(item, $"[{AllowListSection}] \"{tool}\": entry \"{text.Value}\" {error}");
            entries.Add(entry.Text);
        }
        var key = $"{AllowListSection}:{tool}";
        if (Data.ContainsKey(key)) throw Error(kv, $"[{AllowListSection}] lists \"{tool}\" twice");
        Data[key] = string.Join(',', entries);
    }

    private KamiException Error(SyntaxNode node, string message) => new(ErrorKind.InvalidInput, $"{File}:{node.Span.Start.Line + 1}: {message}");

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

    /// <summary>The key as TOML means it (bare or quoted alike); null for a dotted key, which no setting is.</summary>
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
