using System.Text.RegularExpressions;
using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Core.Security.Network;
using Kami.Core.Tools;
using Kami.Core.Trust;
using Tomlyn.Parsing;
using Kami.Packaging.Trust;
using Tomlyn.Syntax;
using K = Kami.Packaging.Manifest.ManifestKeys;

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
        var prompts = new List<TableReader>();
        var resources = new List<TableReader>();
        foreach (var table in document.Tables)
        {
            var name = table.Name is null ? "" : TomlValues.KeyName(table.Name);
            var line = TomlValues.LineOf(table);
            var reader = new TableReader(file, name, line, table.Items, problems);
            switch (table, name)
            {
                case (TableSyntax, K.ToolTable): tool = reader; break;
                case (TableSyntax, K.McpTable): mcp = reader; break;
                case (TableSyntax, K.SecurityTable): security = reader; break;
                case (TableArraySyntax, K.ArgumentsTable): arguments.Add(reader); break;
                case (TableArraySyntax, K.PromptsTable): prompts.Add(reader); break;
                case (TableArraySyntax, K.ResourcesTable): resources.Add(reader); break;
                default:
                    problems.Add(ManifestProblem.Warning(file, line, name, $"table [{name}] is ignored; known tables are [tool], [mcp], [[mcp.arguments]], [security], [[prompts]] and [[resources]]"));
                    break;
            }
        }

        if (tool is null) problems.Add(ManifestProblem.Error(file, null, K.ToolTable, "missing [tool] table (with id, name, version and wasm)"));
        if (mcp is null) problems.Add(ManifestProblem.Error(file, null, K.McpTable, "missing [mcp] table (with description)"));

        var id = ReadId(tool, file, problems);
        var version = ReadVersion(tool);
        var name_ = tool?.String(K.Name, required: false);
        var wasm = ReadWasmPath(tool);
        var signature = ReadSignature(tool);
        tool?.WarnUnknown(K.Tool);

        var description = mcp?.String(K.Description, required: false);
        if (mcp is not null && description is null && !problems.Any(p => p.Field == mcp.Field(K.Description)))
            problems.Add(ManifestProblem.Warning(file, mcp.Line, mcp.Field(K.Description), "[mcp] has no description; MCP clients will show the tool without one"));
        var additional = mcp?.Boolean(K.AdditionalArguments);
        var outputSchema = ReadOutputSchema(mcp);
        mcp?.WarnUnknown(K.Mcp);

        var args = ReadArguments(arguments, file, problems);
        var policy = security is null ? SecurityPolicy.DenyAll : ReadSecurity(security, file, problems);

        if (problems.Any(p => p.Severity == ProblemSeverity.Error) || id is null || version is null || wasm is null)
            return new(null, problems);

        var packagePrompts = PackageContentReader.Prompts(prompts, file, problems);
        var packageResources = PackageContentReader.Resources(resources, file, problems);
        if (problems.Any(p => p.Severity == ProblemSeverity.Error)) return new(null, problems);

        var manifest = new ToolManifest(id, string.IsNullOrWhiteSpace(name_) ? id.Value[(id.Value.LastIndexOf('.') + 1)..] : name_,
            version, wasm, description ?? "", args, policy)
        {
            AllowsAdditionalArguments = additional ?? false, Signature = signature, Prompts = packagePrompts, Resources = packageResources,
            OutputSchema = outputSchema,
        };
        return new(manifest, problems);
    }

    /// <summary>The largest output schema a manifest may declare.</summary>
    public const int MaxOutputSchemaChars = 64 * 1024;

    // MCP wants an object schema; whether the rest is a sound JSON Schema is checked where it is used (the server builds it once).
    private static string? ReadOutputSchema(TableReader? mcp)
    {
        var text = mcp?.String(K.OutputSchema, required: false);
        if (text is null) return null;
        if (text.Length > MaxOutputSchemaChars)
        {
            mcp!.Error(K.OutputSchema, $"{mcp.Field(K.OutputSchema)} is over {MaxOutputSchemaChars / 1024} KiB");
            return null;
        }
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == System.Text.Json.JsonValueKind.Object && root.TryGetProperty("type", out var type)
                && type.ValueKind == System.Text.Json.JsonValueKind.String && type.GetString() == "object")
                return text;
            mcp!.Error(K.OutputSchema, $"{mcp.Field(K.OutputSchema)} must be a JSON Schema for an object ({{\"type\": \"object\", ...}})");
        }
        catch (System.Text.Json.JsonException e)
        {
            mcp!.Error(K.OutputSchema, $"{mcp.Field(K.OutputSchema)} is not JSON: {e.Message}");
        }
        return null;
    }

    private static ToolId? ReadId(TableReader? tool, string file, List<ManifestProblem> problems)
    {
        var text = tool?.String(K.Id, required: true);
        if (text is null) return null;
        if (ToolId.TryParse(text, out var id, out var error)) return id;
        problems.Add(ManifestProblem.Error(file, tool!.LineOf(K.Id), tool.Field(K.Id), error));
        return null;
    }

    private static ToolVersion? ReadVersion(TableReader? tool)
    {
        var text = tool?.String(K.Version, required: true);
        if (text is null) return null;
        if (ToolVersion.TryParse(text, out var version, out var error)) return version;
        tool!.Error(K.Version, $"{tool.Field(K.Version)}: {error}");
        return null;
    }

    // Checked here only for shape; whether it verifies is the trust layer's job, on the bytes being installed.
    private static ToolSignature? ReadSignature(TableReader? tool)
    {
        var signature = tool?.String(K.Signature, required: false);
        var key = tool?.String(K.SignerPublicKey, required: false);
        var manifestSignature = tool?.String(K.ManifestSignature, required: false);
        if (signature is null && key is null && manifestSignature is null) return null;
        if (signature is null || key is null)
        {
            tool!.Error(signature is null ? K.Signature : K.SignerPublicKey,
                "tool.signature and tool.signer_public_key go together (and tool.manifest_signature needs both): give them all (`kami sign --write` records them) or none");
            return null;
        }
        if (!IsHex(signature, Ed25519Signatures.SignatureHexLength)) HexError(tool!, K.Signature, Ed25519Signatures.SignatureHexLength, "signature");
        if (!IsHex(key, Ed25519Signatures.PublicKeyHexLength)) HexError(tool!, K.SignerPublicKey, Ed25519Signatures.PublicKeyHexLength, "public key");
        if (manifestSignature is not null && !IsHex(manifestSignature, Ed25519Signatures.SignatureHexLength))
            HexError(tool!, K.ManifestSignature, Ed25519Signatures.SignatureHexLength, "signature");
        return ToolSignature.From(signature.ToLowerInvariant(), key.ToLowerInvariant(), manifestSignature?.ToLowerInvariant());
    }

    private static bool IsHex(string text, int length) => text.Length == length && text.All(char.IsAsciiHexDigit);

    private static void HexError(TableReader tool, string key, int length, string what) =>
        tool.Error(key, $"{tool.Field(key)} must be {length} hex characters (an Ed25519 {what})");

    private static string? ReadWasmPath(TableReader? tool)
    {
        var text = tool?.String(K.Wasm, required: true);
        if (text is null) return null;
        var normalized = text.Replace('\\', '/');
        if (normalized.Length == 0 || normalized.StartsWith('/') || Path.IsPathRooted(text) || normalized.Split('/').Any(s => s is ".." or ""))
        {
            tool!.Error(K.Wasm, $"{tool.Field(K.Wasm)} = \"{text}\" must be a relative path inside the package (no '..', no leading '/')");
            return null;
        }
        if (!normalized.EndsWith(".wasm", StringComparison.OrdinalIgnoreCase))
        {
            tool!.Error(K.Wasm, $"{tool.Field(K.Wasm)} = \"{text}\" must name a .wasm file");
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
            var name = table.String(K.Name, required: true);
            var typeText = table.String(K.Type, required: true);
            var description = table.String(K.Description, required: false) ?? "";
            var required = table.Boolean(K.Required) ?? false;
            table.WarnUnknown(K.Argument);

            var type = ArgumentType.String;
            if (typeText is not null && !ArgumentTypes.TryParse(typeText, out type))
                table.Error(K.Type, $"{table.Field(K.Type)} = \"{typeText}\" is not one of {string.Join(", ", ArgumentTypes.Names)}");
            if (name is null || typeText is null) continue;
            if (!ArgumentName().IsMatch(name))
            {
                table.Error(K.Name, $"{table.Field(K.Name)} = \"{name}\" must be 1-64 letters, digits, '_', '-' or '.'");
                continue;
            }
            if (!seen.Add(name))
            {
                problems.Add(ManifestProblem.Error(file, table.LineOf(K.Name), table.Field(K.Name), $"argument \"{name}\" is declared twice"));
                continue;
            }
            result.Add(new ToolArgument(name, type, description, required));
        }
        return result;
    }

    private static SecurityPolicy ReadSecurity(TableReader security, string file, List<ManifestProblem> problems)
    {
        var policy = SecurityPolicy.DenyAll;
        var net = security.StringArray(K.NetAllowList);
        if (net is not null)
        {
            // Stored canonical (punycode, compressed IPv6), the one form HostAllowList matches and inspect shows.
            var hosts = new List<string>();
            foreach (var (host, line) in net)
            {
                if (AllowListEntry.Parse(host, out var why) is { } entry) hosts.Add(entry.Text);
                else problems.Add(ManifestProblem.Error(file, line, security.Field(K.NetAllowList),
                    $"{security.Field(K.NetAllowList)} entry \"{host}\" {why} (e.g. api.github.com, *.example.com, 203.0.113.7, [2001:db8::1])"));
            }
            policy = policy with { NetAllowList = hosts.Distinct(StringComparer.Ordinal).ToList() };
        }

        var fs = security.String(K.FsAccess, required: false);
        if (fs is not null)
        {
            if (FsAccessNames.TryParse(fs, out var access)) policy = policy with { FsAccess = access };
            else security.Error(K.FsAccess, $"{security.Field(K.FsAccess)} = \"{fs}\" is not one of {string.Join(", ", FsAccessNames.Names)}");
        }

        var env = security.StringArray(K.EnvAllowList);
        if (env is not null)
        {
            foreach (var (name, line) in env.Where(e => !EnvName().IsMatch(e.Value)))
                problems.Add(ManifestProblem.Error(file, line, security.Field(K.EnvAllowList),
                    $"{security.Field(K.EnvAllowList)} entry \"{name}\" is not an environment variable name (letters, digits, '_')"));
            policy = policy with { EnvAllowList = env.Select(e => e.Value).Distinct().ToList() };
        }

        if (security.Integer(K.MaxMemoryMb, 1, SecurityPolicy.MaxAllowedMemoryMb) is { } memory) policy = policy with { MaxMemoryMb = (int)memory };
        if (security.Integer(K.MaxExecutionMs, 1, SecurityPolicy.MaxAllowedExecutionMs) is { } ms) policy = policy with { MaxExecutionMs = (int)ms };
        if (security.Integer(K.MaxFuel, 1, long.MaxValue) is { } fuel) policy = policy with { MaxFuel = (ulong)fuel };
        security.WarnUnknown(K.Security);
        return policy;
    }
}
