using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kami.TestCommon.Tls;

/// <summary>
/// A certificate authority made for one test and a server certificate it signed for <c>localhost</c> and 127.0.0.1,
/// so HTTPS can be tested without touching the machine's trust store: trust comes only from where the test points
/// (SSL_CERT_FILE of a child process), and a process that was not told about the CA must refuse the server.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=KAMI test CA " + Guid.NewGuid().ToString("N")[..8], caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        Authority = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Authority, true, false));
        using var signed = serverRequest.Create(Authority, now.AddMinutes(-5), now.AddDays(1), Guid.NewGuid().ToByteArray()[..8]);
        // Through PKCS#12 so the key is one SslStream can use on every platform.
        Server = X509CertificateLoader.LoadPkcs12(signed.CopyWithPrivateKey(serverKey).Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The test's CA (self-signed, trusted by nobody unless a test says so).</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The server certificate (localhost, 127.0.0.1) signed by <see cref="Authority"/>, with its private key.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>Writes the CA as PEM (what SSL_CERT_FILE reads) and returns the path.</summary>
    public string WriteAuthorityPem(string path)
    {
        File.WriteAllText(path, Authority.ExportCertificatePem() + "\n");
        return path;
    }

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
    }
}
