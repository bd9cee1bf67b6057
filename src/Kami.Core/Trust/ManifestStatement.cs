using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kami.Core.Security;
using Kami.Core.Tools;

namespace Kami.Core.Trust;

/// <summary>
/// What a KAMI manifest signature covers: the component's SHA-256 and every manifest field that decides a tool's
/// identity or power (id, name, version, description, arguments, grants, limits), in one canonical text whose
/// SHA-256 is the manifest digest. Values are written as <c>byte-length:value</c>, so no value can be read as
/// another field. The wasm path and the signature fields are not covered (the hash covers the bytes; a signature
/// cannot cover itself). Fields added to tool.toml later are appended only when they differ from their default,
/// so a manifest signed before they existed keeps verifying, and one that uses them is covered. docs/security.md
/// describes the format so another implementation can reproduce it.
/// </summary>
public static class ManifestStatement
{
    /// <summary>The first line of the canonical text: names the format, and keeps the signed bytes apart from a .wasm (which starts with \0asm).</summary>
    public const string Format = "kami-manifest-v1";

    /// <summary>The prefix of the signed message, before the digest's hex.</summary>
    public const string SignedPrefix = "kami-manifest-signature-v1\n";

    /// <summary>The canonical text of <paramref name="manifest"/> with the component's lowercase hex SHA-256.</summary>
    public static string Canonical(ToolManifest manifest, string wasmSha256)
    {
        var text = new StringBuilder().Append(Format).Append('\n');
        Field(text, "wasm_sha256", wasmSha256.ToLowerInvariant());
        Field(text, "id", manifest.Id.Value);
        Field(text, "name", manifest.Name);
        Field(text, "version", manifest.Version.ToString());
        Field(text, "description", manifest.Description);
        Field(text, "additional_arguments", manifest.AllowsAdditionalArguments ? "true" : "false");
        List(text, "arguments", manifest.Arguments.Select(a =>
            $"{Value(a.Name)} {a.Type.ToSchemaName()} {(a.Required ? "required" : "optional")} {Value(a.Description)}"));
        var s = manifest.Security;
        List(text, "net_allow_list", s.NetAllowList.Select(Value));
        Field(text, "fs_access", s.FsAccess.ToManifestName());
        List(text, "env_allow_list", s.EnvAllowList.Select(Value));
        Field(text, "max_memory_mb", s.MaxMemoryMb.ToString(CultureInfo.InvariantCulture));
        Field(text, "max_execution_ms", s.MaxExecutionMs.ToString(CultureInfo.InvariantCulture));
        Field(text, "max_fuel", s.MaxFuel.ToString(CultureInfo.InvariantCulture));
        // What a package says to the client and the model besides its tool: appended only when present (see above).
        if (manifest.OutputSchema is { } schema) Field(text, "output_schema", schema);
        if (manifest.Prompts.Count > 0)
            List(text, "prompts", manifest.Prompts.Select(p => string.Join(' ',
                Value(p.Name), Value(p.Description), Value(string.Join('\n', p.Arguments)), Value(p.Text),
                Value(p.Image?.MimeType ?? ""), Value(p.Image?.Base64 ?? ""),
                Value(p.Resource?.Uri ?? ""), Value(p.Resource?.MimeType ?? ""), Value(p.Resource?.Text ?? ""),
                Value(p.Ask?.Message ?? ""), Value(p.Ask?.Field ?? ""))));
        if (manifest.Resources.Count > 0)
            List(text, "resources", manifest.Resources.Select(r => string.Join(' ',
                Value(r.Uri), Value(r.Name), Value(r.Description), Value(r.MimeType),
                Value(r.Text is null ? "blob" : "text"), Value(r.Text ?? r.BlobBase64 ?? ""))));
        return text.ToString();
    }

    /// <summary>The manifest digest: lowercase hex SHA-256 of <see cref="Canonical"/> (what an index's <c>manifest_sha256</c> pins).</summary>
    public static string Digest(ToolManifest manifest, string wasmSha256) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(manifest, wasmSha256))));

    /// <summary>The bytes an Ed25519 manifest signature signs: <see cref="SignedPrefix"/> and the digest's hex.</summary>
    public static byte[] SignedMessage(string manifestDigest) => Encoding.UTF8.GetBytes(SignedPrefix + manifestDigest + "\n");

    /// <summary>The signed message of <paramref name="manifest"/> with the component's SHA-256.</summary>
    public static byte[] SignedMessage(ToolManifest manifest, string wasmSha256) => SignedMessage(Digest(manifest, wasmSha256));

    private static void Field(StringBuilder text, string key, string value) => text.Append(key).Append(' ').Append(Value(value)).Append('\n');

    private static void List(StringBuilder text, string key, IEnumerable<string> items)
    {
        var all = items.ToList();
        text.Append(key).Append(' ').Append(all.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var item in all) text.Append("- ").Append(item).Append('\n');
    }

    private static string Value(string value) => Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture) + ":" + value;
}
