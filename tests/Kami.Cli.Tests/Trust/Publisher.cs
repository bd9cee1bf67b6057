using System.IO.Compression;
using System.Security.Cryptography;
using Kami.Core.Trust;
using Kami.Packaging.Trust;
using Kami.TestCommon;

namespace Kami.Cli.Tests.Trust;

/// <summary>Makes echo packages (directory and plugin.zip), signs them, and writes index entries in the Rust KAMI's format.</summary>
internal sealed class Publisher(string scratch)
{
    public static byte[] EchoWasm { get; } = File.ReadAllBytes(Path.Combine(RepoPaths.Example("echo"), "echo.wasm"));

    public (string Secret, string Public) Key { get; } = Ed25519Signatures.Generate();

    public static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public ToolSignature Sign(byte[] wasm) => Ed25519Signatures.Sign(wasm, Key.Secret);

    /// <summary>A package directory for dev.kami.echo at <paramref name="version"/>, with extra [security] lines.</summary>
    public string Directory(string version = "1.0.0", string security = "", byte[]? wasm = null, string? toolLines = null)
    {
        var dir = Path.Combine(scratch, "pkg-" + Guid.NewGuid().ToString("n")[..8]);
        System.IO.Directory.CreateDirectory(dir);
        var toml = File.ReadAllText(Path.Combine(RepoPaths.Example("echo"), "tool.toml"))
            .Replace("version = \"1.0.0\"", $"version = \"{version}\"", StringComparison.Ordinal);
        if (toolLines is not null) toml = toml.Replace("[tool]\n", "[tool]\n" + toolLines + "\n", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir, "tool.toml"), toml + (security.Length > 0 ? "\n[security]\n" + security + "\n" : ""));
        File.WriteAllBytes(Path.Combine(dir, "echo.wasm"), wasm ?? EchoWasm);
        return dir;
    }

    /// <summary>A package directory signed as `kami sign --write` leaves it: the code and manifest signatures in tool.toml.</summary>
    public string SignedDirectory(string version = "1.0.0", string security = "")
    {
        var dir = Directory(version, security);
        var file = Path.Combine(dir, "tool.toml");
        var text = File.ReadAllText(file);
        var manifest = Kami.Packaging.Manifest.ManifestParser.Parse(text).Manifest!;
        File.WriteAllText(file, ManifestSignatureWriter.With(text, Ed25519Signatures.SignPackage(manifest, EchoWasm, Key.Secret)));
        return dir;
    }

    public static byte[] Zip(string dir)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in System.IO.Directory.GetFiles(dir))
                zip.CreateEntryFromFile(file, Path.GetFileName(file));
        }
        return memory.ToArray();
    }

    public static string Entry(string version, string downloadUrl, string? wasmSha256, ToolSignature? signature, string id = "dev.kami.echo") => $$"""
        {
          "id": "{{id}}",
          "name": "echo",
          "version": "{{version}}",
          "description": "Echoes the given text back",
          "source": "kami-dev/echo@v{{version}}",
          "download_url": "{{downloadUrl}}",
          "wasm_sha256": {{Json(wasmSha256)}},
          "signature": {{Json(signature?.Signature)}},
          "signer_public_key": {{Json(signature?.SignerPublicKey)}}
        }
        """;

    public static string Index(params string[] entries) => "[" + string.Join(",\n", entries) + "]";

    private static string Json(string? value) => value is null ? "null" : "\"" + value + "\"";
}
