using Kami.TestCommon;

namespace Kami.Runtime.Tests.Http;

/// <summary>
/// No product code can weaken TLS: nothing under src/ installs its own certificate check (which is how validation
/// gets turned off) or lowers the protocol. The end-to-end proof that validation is on is in HttpsUntrustedTests and
/// Kami.EndToEnd.Tests' HttpsKamiProcessTests; this catches a new HttpClient somewhere else (downloads, index) too.
/// </summary>
public sealed class CertificateValidationSourceTests
{
    private static readonly string[] Weakening =
    [
        "ServerCertificateCustomValidationCallback",
        "RemoteCertificateValidationCallback",
        "DangerousAcceptAnyServerCertificateValidator",
        "SslProtocols.Ssl",
        "SslProtocols.Tls ", // TLS 1.0
        "SslProtocols.Tls11",
        "CheckCertificateRevocationList = false",
    ];

    [Fact]
    public void Sources_NoCodeReplacesCertificateValidation_NoneFound()
    {
        var found = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => Weakening.Any(w => x.line.Contains(w, StringComparison.Ordinal)))
            .Select(x => $"{Path.GetRelativePath(RepoPaths.Root, x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.True(found.Count == 0, "TLS validation weakened in:\n" + string.Join('\n', found));
    }
}
