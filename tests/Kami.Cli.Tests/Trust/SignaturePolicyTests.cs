using Kami.Core.Tools;
using Kami.Core.Trust;
using Kami.Packaging.Trust;
using Kami.Registry.Sqlite;

namespace Kami.Cli.Tests.Trust;

/// <summary>Issue 12: require_signature and the trusted signers, at install and at load; a bad signature is refused whatever the policy.</summary>
public sealed class SignaturePolicyTests : DistributionTestBase
{
    private const string EchoInput = """{"text":"hi"}""";

    private ToolSignature WrongSignature()
    {
        // Made by the publisher's key, but claiming another key: it cannot verify.
        var other = Ed25519Signatures.Generate();
        return Publisher.Sign(Publisher.EchoWasm) with { SignerPublicKey = other.Public };
    }

    private void ServeSignedBy(ToolSignature? signature)
    {
        Server.MapBytes("/echo.zip", Publisher.Zip(Publisher.Directory()));
        ServeIndex(Publisher.Entry("1.0.0", Server.Url("/echo.zip"), Publisher.Sha(Publisher.EchoWasm), signature));
    }

    [Fact]
    public async Task InstallById_WrongSignature_IsRefusedEvenWithoutRequireSignature()
    {
        Config("");
        ServeSignedBy(WrongSignature());

        var result = (await Cli.RunAsync("install", "dev.kami.echo")).UserError();

        Assert.Contains("the signature of dev.kami.echo does not match its component", result.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task InstallLocal_WrongSignatureInToolToml_IsRefused()
    {
        var bad = WrongSignature();
        var dir = Publisher.Directory(toolLines: $"signature = \"{bad.Signature}\"\nsigner_public_key = \"{bad.SignerPublicKey}\"");

        var result = (await Cli.RunAsync("install", dir)).UserError();

        Assert.Contains("does not match its component", result.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task InstallById_UntrustedSignerUnderRequireSignature_IsRefusedUntilTrusted()
    {
        Config("require_signature = true\n");
        ServeSignedBy(Publisher.Sign(Publisher.EchoWasm));

        var refused = (await Cli.RunAsync("install", "dev.kami.echo")).UserError();
        Assert.Contains($"signed by {Publisher.Key.Public}, which is not a trusted signer", refused.Err, StringComparison.Ordinal);
        Assert.Contains("kami trust add " + Publisher.Key.Public, refused.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();

        (await Cli.RunAsync("trust", "add", Publisher.Key.Public, "--name", "kami-dev")).Ok();
        var installed = (await Cli.RunAsync("install", "dev.kami.echo")).Ok();
        Assert.Contains("signed by a trusted signer", installed.Err, StringComparison.Ordinal);
        (await Cli.RunAsync("exec", "dev.kami.echo", "--input", EchoInput)).Ok();
    }

    [Fact]
    public async Task InstallLocal_UnsignedUnderRequireSignature_IsRefused()
    {
        Config("require_signature = true\n");

        var result = (await Cli.RunAsync("install", Publisher.Directory())).UserError();

        Assert.Contains("is not signed and require_signature is on", result.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task Exec_UnsignedToolAfterRequireSignatureTurnedOn_IsRefusedAtLoad()
    {
        (await Cli.RunAsync("install", Publisher.Directory())).Ok();
        Config("require_signature = true\n");

        var result = (await Cli.RunAsync("exec", "dev.kami.echo", "--input", EchoInput)).UserError();

        Assert.Contains("tool dev.kami.echo is not signed and require_signature is on", result.Err, StringComparison.Ordinal);
        Assert.Contains("it was not run", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_SignerNoLongerTrusted_IsRefusedAtLoad()
    {
        Config("require_signature = true\n");
        ServeSignedBy(Publisher.Sign(Publisher.EchoWasm));
        (await Cli.RunAsync("trust", "add", Publisher.Key.Public, "--name", "kami-dev")).Ok();
        (await Cli.RunAsync("install", "dev.kami.echo")).Ok();
        (await Cli.RunAsync("exec", "dev.kami.echo", "--input", EchoInput)).Ok();

        (await Cli.RunAsync("trust", "remove", "kami-dev")).Ok();
        var result = (await Cli.RunAsync("exec", "dev.kami.echo", "--input", EchoInput)).UserError();

        Assert.Contains("which is not a trusted signer", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_RecordedSignatureAltered_IsRefusedAtLoadWithoutRequireSignature()
    {
        var signed = Publisher.Sign(Publisher.EchoWasm);
        (await Cli.RunAsync("install", Publisher.Directory(toolLines: $"signature = \"{signed.Signature}\"\nsigner_public_key = \"{signed.SignerPublicKey}\""))).Ok();
        var registry = new SqliteToolRegistry(Path.Combine(Cli.Home, "registry.db"));
        var tool = registry.Find(ToolId.Parse("dev.kami.echo"))!;
        registry.Upsert(tool with { SignerPublicKey = Ed25519Signatures.Generate().Public });

        var result = (await Cli.RunAsync("exec", "dev.kami.echo", "--input", EchoInput)).UserError();

        Assert.Contains("its recorded signature does not match its component", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrustAdd_NotAKey_IsRefusedWithTheExpectedForm()
    {
        var result = (await Cli.RunAsync("trust", "add", "abc", "--name", "x")).UserError();

        Assert.Contains("must be 64 hex characters", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrustListAndRemove_ByName_RoundTrip()
    {
        (await Cli.RunAsync("trust", "add", Publisher.Key.Public.ToUpperInvariant(), "--name", "kami-dev")).Ok();

        Assert.Contains(Publisher.Key.Public + "  kami-dev", (await Cli.RunAsync("trust", "list")).Ok().Out, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"kami-dev\"", (await Cli.RunAsync("trust", "list", "--json")).Ok().Out, StringComparison.Ordinal);
        (await Cli.RunAsync("trust", "remove", "kami-dev")).Ok();
        Assert.DoesNotContain(Publisher.Key.Public, (await Cli.RunAsync("trust", "list")).Ok().Out, StringComparison.Ordinal);
        (await Cli.RunAsync("trust", "remove", "kami-dev")).UserError();
    }
}
