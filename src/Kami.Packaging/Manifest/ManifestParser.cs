using System.Text.RegularExpressions;
using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Core.Security.Network;
using Kami.Core.Tools;
using Kami.Core.Trust;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Kami.Packaging.Manifest;

/// <summary>
/// Parses tool.toml from Tomlyn's syntax tree rather than its object mapper, so that every problem carries
/// its line, unknown keys become warnings instead of vanishing, and nothing needs reflection (NativeAOT).
/// </summary>
public static partial class ManifestParser
{
    /// <summary>The manifest's name in a package.</summary>
    public const string FileName = "tool.toml";
    /// <summary>The largest manifest read (256 KiB).</summary>
    public const int MaxManifestBytes = 256 * 1024;

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,64}$")]
    private static partial Regex ArgumentName();

    /// <summary>Every problem in <paramref name="text"/> at once, each located in <paramref name="file"/> by line and field.</summary>
    public static ManifestParseResult Parse(string text, string file = FileName)
    {
        var problems = new List<ManifestProblem>();
        if (text.Length > MaxManifestBytes)
        {
            problems.Add(ManifestProblem.Error(file, null, null, $"{file} is {text.Length} bytes; a manifest may be at most {MaxManifestBytes}"));
            return new(null, problems);
        }

        var document = SyntaxParser.Parse(text, file, true);
        if (document.HasErrors)
        {
            foreach (var d in document.Diagnostics)
            {
                if (d.Kind == DiagnosticMessageKind.Error)
                    problems.Add(ManifestProblem.Error(file, d.Span.Start.Line + 1, null, $"invalid TOML: {d.Message}"));
            }
            return new(null, problems);
        }

        foreach (var kv in document.KeyValues)
        {
            var key = kv.Key is null ? "?" : TomlValues.KeyName(kv.Key);
            problems.Add(ManifestProblem.Warning(file, TomlValues.LineOf(kv), key, $"top-level key {key} is ignored; keys belong in [tool], [mcp] or [security]"));
        }

        TableReader? tool = null, mcp = null, security = null;
        var arguments = new List<TableReader>();
        foreach (var table in document.Tables)
        {
            var name = table.Name is null ? "" : TomlValues.KeyName(table.Name);
            var line = TomlValues.LineOf(table);
            var reader = new TableReader(file, name, line, table.Items, problems);
            switch (table, name)
            {
                case (TableSyntax, "tool"): tool = reader; break;
                case (TableSyntax, "mcp"): mcp = reader; break;
                case (TableSyntax, "security"): security = reader; break;
                case (TableArraySyntax, "mcp.arguments"): arguments.Add(reader); break;
                default:
                    problems.Add(ManifestProblem.Warning(file, line, name, $"table [{name}] is ignored; known tables are [tool], [mcp], [[mcp.arguments]] and [security]"));
                    break;
            }
        }

        if (tool is null) problems.Add(ManifestProblem.Error(file, null, "tool", "missing [tool] table (with id, name, version and wasm)"));
        if (mcp is null) problems.Add(ManifestProblem.Error(file, null, "mcp", "missing [mcp] table (with description)"));

        var id = ReadId(tool, file, problems);
        var version = ReadVersion(tool);
        var name_ = tool?.String("name", required: false);
        var wasm = ReadWasmPath(tool);
        var signature = ReadSignature(tool);
        tool?.WarnUnknown(ManifestKeys.Tool);

        var description = mcp?.String("description", required: false);
        if (mcp is not null && description is null && !problems.Any(p => p.Field == "mcp.description"))
            problems.Add(ManifestProblem.Warning(file, mcp.Line, "mcp.description", "[mcp] has no description; MCP clients will show the tool without one"));
        var additional = mcp?.Boolean("additional_arguments");
        mcp?.WarnUnknown(ManifestKeys.Mcp);

        var args = ReadArguments(arguments, file, problems);
        var policy = security is null ? SecurityPolicy.DenyAll : ReadSecurity(security, file, problems);

        if (problems.Any(p => p.Severity == ProblemSeverity.Error) || id is null || version is null || wasm is null)
            return new(null, problems);

        var manifest = new ToolManifest(id, string.IsNullOrWhiteSpace(name_) ? id.Value[(id.Value.LastIndexOf('.') + 1)..] : name_,
            version, wasm, description ?? "", args, policy) { AllowsAdditionalArguments = additional ?? false, Signature = signature };
        return new(manifest, problems);
    }

    private static ToolId? ReadId(TableReader? tool, string file, List<ManifestProblem> problems)
    {
        var text = tool?.String("id", required: true);
        if (text is null) return null;
        if (ToolId.TryParse(text, out var id, out var error)) return id;
        problems.Add(ManifestProblem.Error(file, tool!.LineOf("id"), "tool.id", error));
        return null;
    }

    private static ToolVersion? ReadVersion(TableReader? tool)
    {
        var text = tool?.String("version", required: true);
        if (text is null) return null;
        if (ToolVersion.TryParse(text, out var version, out var error)) return version;
        tool!.Error("version", $"tool.version: {error}");
        return null;
    }

    // Checked here only for shape; whether it verifies is the trust layer's job, on the bytes being installed.
    private static ToolSignature? ReadSignature(TableReader? tool)
    {
        var signature = tool?.String("signature", required: false);
        var key = tool?.String("signer_public_key", required: false);
        var manifestSignature = tool?.String("manifest_signature", required: false);
        if (signature is null && key is null && manifestSignature is null) return null;
        if (signature is null || key is null)
        {
            tool!.Error(signature is null ? "signature" : "signer_public_key",
                "tool.signature and tool.signer_public_key go together (and tool.manifest_signature needs both): give them all (`kami sign --write` records them) or none");
            return null;
        }
        if (!IsHex(signature, 128)) tool!.Error("signature", "tool.signature must be 128 hex characters (an Ed25519 signature)");
        if (!IsHex(key, 64)) tool!.Error("signer_public_key", "tool.signer_public_key must be 64 hex characters (an Ed25519 public key)");
        if (manifestSignature is not null && !IsHex(manifestSignature, 128))
            tool!.Error("manifest_signature", "tool.manifest_signature must be 128 hex characters (an Ed25519 signature)");
        return ToolSignature.From(signature.ToLowerInvariant(), key.ToLowerInvariant(), manifestSignature?.ToLowerInvariant());
    }

    private static bool IsHex(string text, int length) => text.Length == length && text.All(char.IsAsciiHexDigit);

    private static string? ReadWasmPath(TableReader? tool)
    {
        var text = tool?.String("wasm", required: true);
        if (text is null) return null;
        var normalized = text.Replace('\\', '/');
        if (normalized.Length == 0 || normalized.StartsWith('/') || Path.IsPathRooted(text) || normalized.Split('/').Any(s => s is ".." or ""))
        {
            tool!.Error("wasm", $"tool.wasm = \"{text}\" must be a relative path inside the package (no '..', no leading '/')");
            return null;
        }
        if (!normalized.EndsWith(".wasm", StringComparison.OrdinalIgnoreCase))
        {
            tool!.Error("wasm", $"tool.wasm = \"{text}\" must name a .wasm file");
            return null;
        }
        return normalized;
    }

    private static List<ToolArgument> ReadArguments(List<TableReader> tables, string file, List<ManifestProblem> problems)
    {
        var result = new List<ToolArgument>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var name = table.String("name", required: true);
            var typeText = table.String("type", required: true);
            var description = table.String("description", required: false) ?? "";
            var required = table.Boolean("required") ?? false;
            table.WarnUnknown(ManifestKeys.Argument);

            var type = ArgumentType.String;
            if (typeText is not null && !ArgumentTypes.TryParse(typeText, out type))
                table.Error("type", $"mcp.arguments.type = \"{typeText}\" is not one of {string.Join(", ", ArgumentTypes.Names)}");
            if (name is null || typeText is null) continue;
            if (!ArgumentName().IsMatch(name))
            {
                table.Error("name", $"mcp.arguments.name = \"{name}\" must be 1-64 letters, digits, '_', '-' or '.'");
                continue;
            }
            if (!seen.Add(name))
            {
                problems.Add(ManifestProblem.Error(file, table.LineOf("name"), "mcp.arguments.name", $"argument \"{name}\" is declared twice"));
                continue;
            }
            result.Add(new ToolArgument(name, type, description, required));
        }
        return result;
    }

    private static SecurityPolicy ReadSecurity(TableReader security, string file, List<ManifestProblem> problems)
    {
        var policy = SecurityPolicy.DenyAll;
        var net = security.StringArray("net_allow_list");
        if (net is not null)
        {
            // Stored canonical (punycode, compressed IPv6), the one form HostAllowList matches and inspect shows.
            var hosts = new List<string>();
            foreach (var (host, line) in net)
            {
                if (AllowListEntry.Parse(host, out var why) is { } entry) hosts.Add(entry.Text);
                else problems.Add(ManifestProblem.Error(file, line, "security.net_allow_list",
                    $"security.net_allow_list entry \"{host}\" {why} (e.g. api.github.com, *.example.com, 203.0.113.7, [2001:db8::1])"));
            }
            policy = policy with { NetAllowList = hosts.Distinct(StringComparer.Ordinal).ToList() };
        }

        var fs = security.String("fs_access", required: false);
        if (fs is not null)
        {
            if (FsAccessNames.TryParse(fs, out var access)) policy = policy with { FsAccess = access };
            else security.Error("fs_access", $"security.fs_access = \"{fs}\" is not one of {string.Join(", ", FsAccessNames.Names)}");
        }

        var env = security.StringArray("env_allow_list");
        if (env is not null)
        {
            foreach (var (name, line) in env.Where(e => !EnvName().IsMatch(e.Value)))
                problems.Add(ManifestProblem.Error(file, line, "security.env_allow_list",
                    $"security.env_allow_list entry \"{name}\" is not an environment variable name (letters, digits, '_')"));
            policy = policy with { EnvAllowList = env.Select(e => e.Value).Distinct().ToList() };
        }

        if (security.Integer("max_memory_mb", 1, SecurityPolicy.MaxAllowedMemoryMb) is { } memory) policy = policy with { MaxMemoryMb = (int)memory };
        if (security.Integer("max_execution_ms", 1, SecurityPolicy.MaxAllowedExecutionMs) is { } ms) policy = policy with { MaxExecutionMs = (int)ms };
        if (security.Integer("max_fuel", 1, long.MaxValue) is { } fuel) policy = policy with { MaxFuel = (ulong)fuel };
        security.WarnUnknown(ManifestKeys.Security);
        return policy;
    }
}
