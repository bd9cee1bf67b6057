using System.Net;
using System.Text;
using Kami.Packaging.Distribution.Oci;
using Kami.TestCommon;

namespace Kami.Packaging.Tests.Distribution.Oci;

/// <summary>
/// A registry as ghcr.io behaves, on loopback: every /v2 request needs a Bearer token from /token, and the component
/// blob is redirected to a "CDN" (the same server as http://localhost, another origin), which needs no token.
/// </summary>
internal sealed class FakeOciRegistry : IDisposable
{
    public const string Token = "t0k3n";
    private readonly LoopbackHttpServer _server;

    public FakeOciRegistry(OciArtifact artifact, bool requireBasic = false)
    {
        Artifact = artifact;
        _server = new LoopbackHttpServer(context => ServeAsync(context, requireBasic));
    }

    public OciArtifact Artifact { get; set; }

    /// <summary>Basic credentials the token service accepts when <c>requireBasic</c> is on.</summary>
    public string ExpectedBasic { get; } = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("me:s3cret"));

    public string Host => $"127.0.0.1:{_server.Port}";

    public IReadOnlyList<LoggedRequest> Requests => [.. _server.Requests];

    private async Task ServeAsync(HttpListenerContext context, bool requireBasic)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        var response = context.Response;
        if (path == "/token")
        {
            if (requireBasic && request.Headers["Authorization"] != ExpectedBasic)
            {
                response.StatusCode = 401;
                return;
            }
            await WriteAsync(response, Encoding.UTF8.GetBytes($$"""{"token":"{{Token}}"}"""));
            return;
        }
        if (!path.StartsWith("/v2/kami/echo/", StringComparison.Ordinal))
        {
            response.StatusCode = 404;
            return;
        }
        var blob = path["/v2/kami/echo/blobs/".Length..];
        if (request.Url.Host == "localhost" && blob == Artifact.WasmDigest)
        {
            await WriteAsync(response, Artifact.Wasm);
            return;
        }
        if (request.Headers["Authorization"] != "Bearer " + Token)
        {
            response.StatusCode = 401;
            response.AddHeader("WWW-Authenticate", $"Bearer realm=\"http://127.0.0.1:{_server.Port}/token\",service=\"fake-registry\",scope=\"repository:kami/echo:pull\"");
            return;
        }
        if (path.StartsWith("/v2/kami/echo/manifests/", StringComparison.Ordinal))
        {
            response.ContentType = OciMediaTypes.ImageManifest;
            await WriteAsync(response, Artifact.Manifest);
        }
        else if (blob == Artifact.ConfigDigest) await WriteAsync(response, Artifact.Config);
        else if (blob == Artifact.WasmDigest)
        {
            response.StatusCode = 307;
            response.RedirectLocation = $"http://localhost:{_server.Port}{path}";
        }
        else response.StatusCode = 404;
    }

    private static async Task WriteAsync(HttpListenerResponse response, byte[] body)
    {
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
    }

    public void Dispose() => _server.Dispose();
}
