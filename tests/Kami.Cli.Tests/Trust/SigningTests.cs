using System.Text.Json;
using Kami.Core.Trust;
using Kami.Packaging.Trust;

namespace Kami.Cli.Tests.Trust;

/// <summary>Issue 12: keygen, sign, verify; signatures interoperate with another Ed25519 implementation and the Rust KAMI's format.</summary>
public sealed class SigningTests : DistributionTestBase
{
    private async Task<(string Wasm, JsonElement Signed)> SignAsync(string dir, params string[] extra)
    {
        (await Cli.RunAsync("keygen")).Ok();
        using var doc = JsonDocument.Parse((await Cli.RunAsync(["sign", dir, "--json", .. extra])).Ok().Out);
        return (Path.Combine(dir, "echo.wasm"), doc.RootElement.Clone());
    }

    [Fact]
    public async Task Keygen_KeyFiles_ArePrivateAndNotOverwritten()
    {
        if (OperatingSystem.IsWindows()) return;
        var publicKey = (await Cli.RunAsync("keygen")).Ok().Out.Trim();

        Assert.Matches("^[0-9a-f]{64}$", publicKey);
        var keys = Path.Combine(Cli.Home, "keys");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, "signing.key")));
        Assert.Matches("^[0-9a-f]{64}$", File.ReadAllText(Path.Combine(keys, "signing.key")).Trim());
        Assert.Contains("already exists", (await Cli.RunAsync("keygen")).UserError().Err, StringComparison.Ordinal);
        Assert.Equal(publicKey, File.ReadAllText(Path.Combine(keys, "signing.pub")).Trim());
    }

    [Fact]
    public async Task Sign_Signature_VerifiesWithNodeCrypto()
    {
        var (wasm, signed) = await SignAsync(Publisher.Directory());
        var publicKey = signed.GetProperty("signer_public_key").GetString()!;
        var signature = signed.GetProperty("signature").GetString()!;

        Assert.Matches("^[0-9a-f]{128}$", signature);
        Assert.Equal(Publisher.Sha(File.ReadAllBytes(wasm)), signed.GetProperty("wasm_sha256").GetString());
        Assert.True(NodeCrypto.Verify(wasm, publicKey, signature));
        var tampered = Path.Combine(Cli.Scratch, "tampered.wasm");
        var bytes = File.ReadAllBytes(wasm);
        bytes[^1] ^= 1;
        File.WriteAllBytes(tampered, bytes);
        Assert.False(NodeCrypto.Verify(tampered, publicKey, signature));
    }

    [Fact]
    public async Task SignWrite_RecordsSignatureInToolToml_AndInstallUnderRequireSignatureAcceptsIt()
    {
        var dir = Publisher.Directory();
        var (_, signed) = await SignAsync(dir, "--write");
        var toml = File.ReadAllText(Path.Combine(dir, "tool.toml"));
        Assert.Contains($"signature = \"{signed.GetProperty("signature").GetString()}\"", toml, StringComparison.Ordinal);
        var publicKey = signed.GetProperty("signer_public_key").GetString()!;
        (await Cli.RunAsync(["sign", dir, "--write"])).Ok();
        Assert.Single(File.ReadAllLines(Path.Combine(dir, "tool.toml")), l => l.StartsWith("signature =", StringComparison.Ordinal));
        Config("require_signature = true\n");
        (await Cli.RunAsync("trust", "add", publicKey, "--name", "me")).Ok();

        (await Cli.RunAsync("install", dir)).Ok();

        using var inspect = JsonDocument.Parse((await Cli.RunAsync("inspect", "dev.kami.echo", "--json")).Ok().Out);
        Assert.Equal(publicKey, inspect.RootElement.GetProperty("signer_public_key").GetString());
        (await Cli.RunAsync("verify", "dev.kami.echo")).Ok();
    }

    [Fact]
    public async Task Sign_NoKey_SaysToRunKeygen()
    {
        var result = (await Cli.RunAsync("sign", Publisher.Directory())).UserError();

        Assert.Contains("kami keygen", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallById_PackageSignedTheRustKamiWay_VerifiesUnderRequireSignature()
    {
        // Signed by another implementation (Node), written as the Rust KAMI writes it: hex in tool.toml [tool] and the index.
        var probe = Path.Combine(Cli.Scratch, "echo.wasm");
        File.WriteAllBytes(probe, Publisher.EchoWasm);
        var (_, publicKey, signature) = NodeCrypto.Sign(probe);
        var dir = Publisher.Directory(toolLines: $"signature = \"{signature}\"\nsigner_public_key = \"{publicKey}\"");
        // As Rust-built packages are: tool.toml names the build output, the zip holds the component at its root.
        var toml = Path.Combine(dir, "tool.toml");
        File.WriteAllText(toml, File.ReadAllText(toml).Replace("wasm = \"echo.wasm\"", "wasm = \"target/wasm32-wasip2/release/echo.wasm\"", StringComparison.Ordinal));
        Server.MapBytes("/echo.zip", Publisher.Zip(dir));
        ServeIndex(Publisher.Entry("1.0.0", Server.Url("/echo.zip"), Publisher.Sha(Publisher.EchoWasm), new ToolSignature(signature, publicKey)));
        Config("require_signature = true\n");
        (await Cli.RunAsync("trust", "add", publicKey, "--name", "kami-registry")).Ok();

        var installed = (await Cli.RunAsync("install", "dev.kami.echo")).Ok();

        Assert.Contains("using its only component, echo.wasm", installed.Err, StringComparison.Ordinal);
        (await Cli.RunAsync("exec", "dev.kami.echo", "--input", """{"text":"hi"}""")).Ok();
        (await Cli.RunAsync("verify", "dev.kami.echo", "--public-key", publicKey, "--signature", signature)).Ok();
    }

    [Fact]
    public void Ed25519_Rfc8032Test2_SignsAndVerifiesAsSpecified()
    {
        const string secret = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
        const string publicKey = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
        const string expected = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

        var signed = Ed25519Signatures.Sign([0x72], secret);

        Assert.Equal(new ToolSignature(expected, publicKey), signed);
        Assert.True(Ed25519Signatures.Instance.Verify([0x72], signed));
        Assert.False(Ed25519Signatures.Instance.Verify([0x73], signed));
        Assert.False(Ed25519Signatures.Instance.Verify([0x72], signed with { Signature = "zz" + expected[2..] }));
    }

    [Fact]
    public async Task Verify_ComponentChangedOnDisk_ExitsOne()
    {
        var dir = Publisher.Directory();
        await SignAsync(dir, "--write");
        (await Cli.RunAsync("install", dir)).Ok();
        (await Cli.RunAsync("verify", "dev.kami.echo")).Ok();
        using var inspect = JsonDocument.Parse((await Cli.RunAsync("inspect", "dev.kami.echo", "--json")).Ok().Out);
        var wasm = inspect.RootElement.GetProperty("wasm_file").GetString()!;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wasm, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var bytes = File.ReadAllBytes(wasm);
        bytes[^1] ^= 1;
        File.WriteAllBytes(wasm, bytes);

        var result = await Cli.RunAsync("verify", "dev.kami.echo");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no longer matches the sha256 pinned at install", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AnotherPublicKey_ExitsOne()
    {
        var dir = Publisher.Directory();
        await SignAsync(dir, "--write");
        (await Cli.RunAsync("install", dir)).Ok();

        var result = await Cli.RunAsync("verify", "dev.kami.echo", "--public-key", Publisher.Key.Public);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does NOT verify", result.Err, StringComparison.Ordinal);
    }
}
