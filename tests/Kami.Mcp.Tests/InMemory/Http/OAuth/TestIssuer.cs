using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kami.Mcp.Tests.InMemory.Http.OAuth;

/// <summary>
/// An OAuth issuer made inside the test: RSA keys generated here, its metadata (RFC 8414) and JWKS served by Kestrel on
/// 127.0.0.1 (a real socket, as KAMI's JwtBearer fetches them over HTTP), and tokens signed on demand. No outside service.
/// </summary>
internal sealed class TestIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private RSA _key = RSA.Create(2048);
    private string _keyId = "key-1";

    private TestIssuer(WebApplication app, string url)
    {
        _app = app;
        Issuer = url;
    }

    /// <summary>The issuer URL (<c>http://127.0.0.1:PORT</c>), as its tokens' <c>iss</c> says it.</summary>
    public string Issuer { get; }

    /// <summary>How many times the JWKS was fetched.</summary>
    public int JwksRequests { get; private set; }

    public static async Task<TestIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        TestIssuer? issuer = null;
        app.MapGet("/.well-known/oauth-authorization-server", (HttpContext c) => c.Response.WriteAsync(issuer!.Metadata()));
        app.MapGet("/jwks", (HttpContext c) =>
        {
            issuer!.JwksRequests++;
            return c.Response.WriteAsync(issuer.Jwks());
        });
        await app.StartAsync();
        issuer = new TestIssuer(app, app.Urls.First().TrimEnd('/'));
        return issuer;
    }

    /// <summary>A new signing key (and key id): what the issuer's JWKS serves from now on.</summary>
    public void RotateKey()
    {
        _key = RSA.Create(2048);
        _keyId = "key-" + Guid.NewGuid().ToString("n")[..8];
    }

    /// <summary>The public key as DER (SubjectPublicKeyInfo), what an HS256 key-confusion attack signs with.</summary>
    public byte[] PublicKeyDer => _key.ExportSubjectPublicKeyInfo();

    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>An RS256 access token; each argument left null takes a valid value.</summary>
    public string Token(string audience, string? scope = "tools:kami", string? issuer = null, DateTime? expires = null, string subject = "alice",
        string? clientId = "agent-app", RSA? signWith = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (scope is not null) claims["scope"] = scope;
        if (clientId is not null) claims["client_id"] = clientId;
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expiry.AddMinutes(-20),
            NotBefore = expiry.AddMinutes(-20),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signWith ?? _key) { KeyId = _keyId }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token with the given header, the valid claims, and <paramref name="sign"/> over <c>header.payload</c> (empty for none).</summary>
    public string Forged(string audience, object header, Func<byte[], byte[]> sign)
    {
        var payload = new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = audience, ["sub"] = "mallory", ["scope"] = "tools:kami",
            ["exp"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds(), ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        var signingInput = Base64UrlEncoder.Encode(JsonSerializer.Serialize(header)) + "." + Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload));
        var signature = sign(Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + (signature.Length == 0 ? "" : Base64UrlEncoder.Encode(signature));
    }

    public string KeyId => _keyId;

    private string Metadata() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = Issuer + "/jwks",
        ["authorization_endpoint"] = Issuer + "/authorize",
        ["token_endpoint"] = Issuer + "/token",
    });

    private string Jwks()
    {
        var p = _key.ExportParameters(false);
        var key = new Dictionary<string, string>
        {
            ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = _keyId,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus!), ["e"] = Base64UrlEncoder.Encode(p.Exponent!),
        };
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = new[] { key } });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
    }
}
