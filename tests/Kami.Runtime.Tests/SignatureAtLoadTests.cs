using System.Security.Cryptography;
using Kami.Core.Errors;
using Kami.Core.Trust;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Kami.Runtime.Tests.Infrastructure;
using Kami.TestCommon;

namespace Kami.Runtime.Tests;

/// <summary>Issue 12: an installed tool's signature is checked when it is loaded, under the operator's policy.</summary>
public sealed class SignatureAtLoadTests
{
    private static readonly string Good = new('a', 128);
    private static readonly string Trusted = new('1', 64);

    /// <summary>Accepts exactly the signature <see cref="Good"/>, and counts how often it is asked.</summary>
    private sealed class CountingVerifier : ISignatureVerifier
    {
        public int Calls;

        public bool Verify(ReadOnlySpan<byte> data, ToolSignature signature)
        {
            Interlocked.Increment(ref Calls);
            return signature.Signature == Good;
        }
    }

    private static ExecutionRequest Installed(ToolSignature? signature)
    {
        var wasm = RepoPaths.Fixture("echo.wasm");
        // Default limits: a code-only signature vouches for no raised limit under require_signature.
        return new ExecutionRequest("test.signed", wasm, Kami.Core.Security.SecurityPolicy.DenyAll, "{}")
        {
            ExpectedSha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(wasm))),
            Signature = signature,
        };
    }

    private static ToolRuntime Runtime(bool require, ISignatureVerifier verifier) =>
        new(new RuntimeOptions { MaxConcurrency = 1, PrepareInstances = false, Signatures = new SignaturePolicy(require, verifier, key => key == Trusted) });

    [Fact]
    public async Task Load_UnsignedUnderRequireSignature_IsRefusedWithHowToFix()
    {
        using var runtime = Runtime(require: true, new CountingVerifier());

        var result = await runtime.ExecuteAsync(Installed(null));

        Expect.Failure(result, ErrorKind.SignatureRequired, "test.signed", "not signed and require_signature is on", "it was not run");
    }

    [Fact]
    public async Task Load_UntrustedSignerUnderRequireSignature_IsRefused()
    {
        using var runtime = Runtime(require: true, new CountingVerifier());

        var result = await runtime.ExecuteAsync(Installed(new ToolSignature(Good, new string('2', 64))));

        Expect.Failure(result, ErrorKind.SignatureRequired, "not a trusted signer", "kami trust add");
    }

    [Fact]
    public async Task Load_BadSignatureWithoutRequireSignature_IsRefused()
    {
        using var runtime = Runtime(require: false, new CountingVerifier());

        var result = await runtime.ExecuteAsync(Installed(new ToolSignature(new string('b', 128), Trusted)));

        Expect.Failure(result, ErrorKind.SignatureInvalid, "recorded signature does not match its component");
    }

    [Fact]
    public async Task Load_TrustedSignature_RunsAndIsVerifiedOnce()
    {
        var verifier = new CountingVerifier();
        using var runtime = Runtime(require: true, verifier);
        var request = Installed(new ToolSignature(Good, Trusted));

        Expect.Success(await runtime.ExecuteAsync(request));
        Expect.Success(await runtime.ExecuteAsync(request));

        Assert.Equal(1, verifier.Calls);
    }

    [Fact]
    public async Task Load_DevModeWithoutPin_IsNotHeldToTheSignaturePolicy()
    {
        using var runtime = Runtime(require: true, new CountingVerifier());

        Expect.Success(await runtime.ExecuteAsync(Installed(null) with { ExpectedSha256 = null }));
    }
}
