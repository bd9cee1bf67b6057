using System.Security.Cryptography;
using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Core.Tools;
using Kami.Core.Trust;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Kami.Runtime.Tests.Infrastructure;
using Kami.TestCommon;

namespace Kami.Runtime.Tests;

/// <summary>
/// Issue 22, item 1: a manifest signature is checked at every load against the manifest the registry records, so a
/// registry row whose grants were widened after install is refused, and a code-only signature does not vouch for grants.
/// </summary>
public sealed class ManifestSignatureAtLoadTests
{
    private static readonly string CodeSignature = new('a', 128);
    private static readonly string ManifestSig = new('b', 128);
    private static readonly string Signer = new('1', 64);
    private static readonly string Wasm = RepoPaths.Fixture("echo.wasm");
    private static readonly string Sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Wasm)));

    private static readonly ToolManifest Signed = new(ToolId.Parse("test.signed"), "signed", ToolVersion.Parse("1.0.0"), "echo.wasm", "Echoes", [],
        SecurityPolicy.DenyAll);

    /// <summary>Accepts the code signature over any bytes, and the manifest signature only over <see cref="Signed"/>'s statement.</summary>
    private sealed class StatementVerifier : ISignatureVerifier
    {
        private readonly byte[] _statement = ManifestStatement.SignedMessage(Signed, Sha);

        public bool Verify(ReadOnlySpan<byte> data, ToolSignature signature) =>
            signature.Signature == CodeSignature || (signature.Signature == ManifestSig && data.SequenceEqual(_statement));
    }

    private static ExecutionRequest Request(ToolManifest manifest, ToolSignature signature) =>
        new(manifest.Id.Value, Wasm, manifest.Security, """{"text":"hi"}""") { ExpectedSha256 = Sha, Signature = signature, Manifest = manifest };

    private static ToolRuntime Runtime(bool require) =>
        new(new RuntimeOptions { MaxConcurrency = 1, PrepareInstances = false, Signatures = new SignaturePolicy(require, new StatementVerifier(), key => key == Signer) });

    [Fact]
    public async Task Load_RecordedManifestAsSigned_Runs()
    {
        using var runtime = Runtime(require: true);

        var result = await runtime.ExecuteAsync(Request(Signed, new ToolSignature(CodeSignature, Signer) { ManifestSignature = ManifestSig }));

        Expect.Success(result);
    }

    [Fact]
    public async Task Load_RecordedGrantsWidenedAfterInstall_IsRefusedWhateverThePolicy()
    {
        using var runtime = Runtime(require: false);
        var widened = Signed with { Security = Signed.Security with { FsAccess = FsAccess.Sandbox } };

        var result = await runtime.ExecuteAsync(Request(widened, new ToolSignature(CodeSignature, Signer) { ManifestSignature = ManifestSig }));

        Expect.Failure(result, ErrorKind.SignatureInvalid, "test.signed was not run", "does not match its manifest signature");
    }

    [Fact]
    public async Task Load_CodeOnlySignatureWithGrantsUnderRequireSignature_IsRefused()
    {
        using var runtime = Runtime(require: true);
        var granted = Signed with { Security = Signed.Security with { EnvAllowList = ["HOME"] } };

        var result = await runtime.ExecuteAsync(Request(granted, new ToolSignature(CodeSignature, Signer)));

        Expect.Failure(result, ErrorKind.SignatureRequired, "code-only signature", "environment: read HOME");
    }
}
