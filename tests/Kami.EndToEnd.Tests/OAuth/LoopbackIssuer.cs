using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Kami.EndToEnd.Tests.OAuth;

/// <summary>
/// An OAuth issuer in the test process, as small as a real one can be: an RSA key made here, its OpenID metadata and
/// JWKS served by <see cref="HttpListener"/> on 127.0.0.1, and RS256 access tokens signed by hand. No outside service.
/// </summary>
internal sealed class LoopbackIssuer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly RSA _key = RSA.Create(2048);
    private readonly Task _serving;

    public LoopbackIssuer()
    {
        var port = FreePort();
        Issuer = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Issuer + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Issuer { get; }

    /// <summary>An RS256 token for <paramref name="audience"/> with <paramref name="scope"/>, expiring in <paramref name="lifetime"/> (negative: already expired).</summary>
    public string Token(string audience, string scope, string subject, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow;
        var header = new Dictionary<string, string> { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = "k1" };
        var payload = new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = audience, ["sub"] = subject, ["client_id"] = "probe-app", ["scope"] = scope,
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(), ["exp"] = now.Add(lifetime).ToUnixTimeSeconds(),
        };
        var input = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64Url(signature);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            var body = context.Request.Url!.AbsolutePath switch
            {
                "/.well-known/openid-configuration" => JsonSerializer.Serialize(new Dictionary<string, string> { ["issuer"] = Issuer, ["jwks_uri"] = Issuer + "/jwks" }),
                "/jwks" => Jwks(),
                _ => null,
            };
            context.Response.StatusCode = body is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body ?? "{}");
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private string Jwks()
    {
        var p = _key.ExportParameters(false);
        var key = new Dictionary<string, string> { ["kty"] = "RSA", ["kid"] = "k1", ["use"] = "sig", ["n"] = Base64Url(p.Modulus!), ["e"] = Base64Url(p.Exponent!) };
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = new[] { key } });
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Close();
        try { _serving.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _key.Dispose();
    }
}
