using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Kami.Core.Security.Network;

namespace Kami.Runtime.Http;

/// <summary>
/// Sends a tool's HTTP request synchronously on the calling (worker) thread, under the policy: the URL is checked
/// (<see cref="OutboundTarget"/>), the name is resolved once in the connect callback and every address is checked
/// (<see cref="AddressClassifier"/>, unless <c>net_allow_private</c> covers it) and the socket connects to exactly the
/// addresses checked, so a DNS answer that changes between check and connect cannot reach another one. Redirects are
/// followed here, each hop checked again; bodies are bounded both ways.
/// </summary>
internal sealed class OutboundHttp : IDisposable
{
    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal) { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" };
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly HttpClient _client;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    /// <param name="limits">The operator's bounds and net_allow_private.</param>
    /// <param name="resolve">Name resolution (the system's by default; tests give their own to play a hostile DNS).</param>
    public OutboundHttp(HttpLimits limits, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        Limits = limits;
        _resolve = resolve ?? Dns.GetHostAddressesAsync;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false, // a proxy would resolve and connect on its own, past the address check
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None, // the response bound counts bytes on the wire
            MaxResponseHeadersLength = 64, // KiB
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            // A response given up before its end (a deadline, too-large, a redirect's body) closes its connection. By
            // default .NET drains up to 1 MiB for up to 2 s to reuse it, and a read blocked on that connection waits
            // for the drain: a body dripping a byte at a time held the tool's request 2 s past its deadline.
            MaxResponseDrainSize = 0,
            ResponseDrainTimeout = TimeSpan.Zero,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public HttpLimits Limits { get; }

    /// <summary>
    /// Sends the request within min(its timeout, the operator's, <paramref name="remaining"/>), stopped early by
    /// <paramref name="cancellation"/>. Exactly one of the results is non-null.
    /// </summary>
    /// <param name="request">What the tool asked for.</param>
    /// <param name="allowList">The tool's net_allow_list.</param>
    /// <param name="remaining">The call's remaining wall clock.</param>
    /// <param name="cancellation">The call's cancellation.</param>
    /// <param name="toolId">Whose credentials (net_credentials) apply; none when null.</param>
    public (FetchResponse? Response, FetchError? Error) Send(FetchRequest request, HostAllowList allowList, TimeSpan remaining, CancellationToken cancellation, string? toolId = null)
    {
        var method = request.Method.ToUpperInvariant();
        if (!Methods.Contains(method)) return Fail(FetchErrorKind.Invalid, $"method \"{Shorten(request.Method)}\" is not allowed (use {string.Join(", ", Methods)})");
        foreach (var (name, value) in request.Headers)
            if (RequestHeaders.Refusal(name, value) is { } why) return Fail(FetchErrorKind.Invalid, why);
        var headerBytes = request.Headers.Sum(h => (long)h.Key.Length + h.Value.Length + 4);
        if (request.Headers.Count > RequestHeaders.MaxCount || headerBytes > RequestHeaders.MaxBytes)
            return Fail(FetchErrorKind.TooLarge, $"the request has {request.Headers.Count:N0} headers of {headerBytes:N0} bytes; at most {RequestHeaders.MaxCount} headers of {RequestHeaders.MaxBytes:N0} bytes are allowed");
        if (request.Body is { Length: var size } && size > Limits.MaxRequestBytes)
            return Fail(FetchErrorKind.TooLarge, $"the request body is {size:N0} bytes; at most {Limits.MaxRequestBytes:N0} are allowed");

        var timeout = OwnTimeout(request);
        if (remaining < timeout) timeout = remaining;
        if (timeout <= TimeSpan.Zero) return Fail(FetchErrorKind.Timeout, "");

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        var hops = request.Hops;
        (FetchResponse?, FetchError?) result;
        try
        {
            result = Follow(method, request, allowList, toolId, hops, deadline.Token);
        }
        catch (Exception e) when (deadline.IsCancellationRequested && e is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
        {
            result = Fail(FetchErrorKind.Timeout, "");
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            result = Fail(FetchErrorKind.TooLarge, "the response headers are larger than 64 KiB");
        }
        catch (HttpRequestException e) when (Find<OutboundDeniedException>(e) is { } denied)
        {
            result = Fail(FetchErrorKind.Denied, denied.Message);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            result = Fail(FetchErrorKind.Unreachable, Find<SocketException>(e)?.Message is { } socket && socket != e.Message ? $"{e.Message} ({socket})" : e.Message);
        }
        hops?.Close(result.Item2?.Kind);
        return result;
    }

    /// <summary>The request's own bound: its timeout_ms, at most the operator's; the call's remaining time may end it sooner.</summary>
    public TimeSpan OwnTimeout(FetchRequest request) =>
        request.TimeoutMs is { } ms && TimeSpan.FromMilliseconds(ms) < Limits.DefaultTimeout ? TimeSpan.FromMilliseconds(ms) : Limits.DefaultTimeout;

    private (FetchResponse?, FetchError?) Follow(string method, FetchRequest request, HostAllowList allowList, string? toolId, HopLog? hops, CancellationToken token)
    {
        var url = request.Url;
        var body = request.Body;
        var headers = request.Headers;
        for (var hop = 0; ; hop++)
        {
            if (OutboundTarget.Check(url, allowList, out var uri) is { } refusal)
            {
                hops?.Refused(method, url, refusal.Invalid ? FetchErrorKind.Invalid : FetchErrorKind.Denied);
                return Fail(refusal.Invalid ? FetchErrorKind.Invalid : FetchErrorKind.Denied, hop == 0 ? refusal.Reason : $"redirect to {Shorten(url)}: {refusal.Reason}");
            }
            // Checked on every hop: a credential goes to exactly its host and port, never to where a redirect points.
            var credential = toolId is null ? null : Limits.Credentials.For(toolId, uri);
            // A secret in clear text is readable on every network between here and there; this machine's loopback is the exception.
            if (credential is not null && uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
            {
                hops?.Refused(method, url, FetchErrorKind.Denied);
                // The same port, or https's default for a key that names none, so the URL suggested is one the credential goes to.
                var authority = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";
                return Fail(FetchErrorKind.Denied, $"the operator configured a credential for {authority}, and it is sent only over https; ask for https://{authority}{uri.PathAndQuery}");
            }
            using var message = Build(method, uri, headers, body, credential);
            hops?.Sending(method, uri, body?.Length ?? 0);
            HttpResponseMessage sent;
            try
            {
                sent = _client.Send(message, HttpCompletionOption.ResponseHeadersRead, token);
            }
            catch (HttpRequestException e) when (Find<AuthenticationException>(e) is { } tls)
            {
                // .NET says only "see inner exception"; the tool's author and the operator need the reason and the way out.
                return Fail(FetchErrorKind.Unreachable, !tls.Message.Contains("certificate", StringComparison.OrdinalIgnoreCase)
                    ? $"TLS with {uri.IdnHost} failed: {tls.Message} (does the server speak https on this port?)"
                    : $"TLS with {uri.IdnHost} failed: the server's certificate is not trusted ({tls.Message[(tls.Message.LastIndexOf(": ", StringComparison.Ordinal) + 2)..]}); " +
                      "kami checks it against this machine's CA store (an operator adds a CA there, or on Linux names a bundle in SSL_CERT_FILE or SSL_CERT_DIR)");
            }
            using var response = sent;
            var status = (int)response.StatusCode;
            hops?.Answered(status);
            if (HttpRedirects.IsFollowed(status) && response.Headers.Location is { } location)
            {
                if (hop == Limits.MaxRedirects) return Fail(FetchErrorKind.Denied, $"more than {Limits.MaxRedirects} redirects");
                var next = new Uri(uri, location);
                url = next.AbsoluteUri;
                // As curl and browsers do: the tool's own Authorization and Cookie were meant for the origin it named,
                // not for wherever that origin redirects (another allowed host, another port).
                if (!RequestHeaders.SameOrigin(uri, next)) headers = RequestHeaders.WithoutSecrets(headers);
                // What was asked over TLS never continues in clear: the path, a body or a credential would cross the wire readable.
                if (uri.Scheme == Uri.UriSchemeHttps && url.StartsWith("http:", StringComparison.OrdinalIgnoreCase))
                    return Fail(FetchErrorKind.Denied, $"redirect from https to http ({Shorten(url)}) is refused; ask for the https URL");
                // As browsers do: 303 always, and 301/302 after a POST, continue as a GET without the body.
                if (status == 303 || status is 301 or 302 && method == "POST")
                {
                    method = method == "HEAD" ? "HEAD" : "GET";
                    body = null;
                }
                continue;
            }
            return Read(response, hops, token);
        }
    }

    private static HttpRequestMessage Build(string method, Uri uri, IReadOnlyList<KeyValuePair<string, string>> headers, byte[]? body, NetCredential? credential)
    {
        var message = new HttpRequestMessage(new HttpMethod(method), uri) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        if (body is not null) message.Content = new ByteArrayContent(body);
        foreach (var (name, value) in headers)
        {
            if (credential is not null && string.Equals(name, credential.Header, StringComparison.OrdinalIgnoreCase)) continue;
            if (!message.Headers.TryAddWithoutValidation(name, value) && message.Content is { } content)
                content.Headers.TryAddWithoutValidation(name, value);
        }
        if (credential is not null) message.Headers.TryAddWithoutValidation(credential.Header, credential.Value);
        return message;
    }

    private (FetchResponse?, FetchError?) Read(HttpResponseMessage response, HopLog? hops, CancellationToken token)
    {
        var max = Limits.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is { } declared && declared > max)
            return Fail(FetchErrorKind.TooLarge, $"the response body is {declared:N0} bytes; at most {max:N0} are allowed");
        // Synchronous reads do not watch the token: disposing the response aborts a read that hangs.
        using var abort = token.Register(static r => ((HttpResponseMessage)r!).Dispose(), response);
        using var stream = response.Content.ReadAsStream(token);
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            hops?.Read(read);
            if (buffer.Length + read > max) return Fail(FetchErrorKind.TooLarge, $"the response body is larger than {max:N0} bytes");
            buffer.Write(chunk, 0, read);
        }
        token.ThrowIfCancellationRequested();

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            foreach (var value in values) headers.Add(new(name.ToLowerInvariant(), value));
        var bytes = buffer.ToArray();
        string? text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = null;
            if (bytes.Length > Limits.MaxBinaryResponseBytes)
                return Fail(FetchErrorKind.TooLarge, $"the response body is {bytes.Length:N0} bytes of binary (not UTF-8) data; at most {Limits.MaxBinaryResponseBytes:N0} are allowed as bytes");
        }
        return (new FetchResponse((int)response.StatusCode, headers, text, text is null ? bytes : null), null);
    }

    /// <summary>Resolves once, keeps only the addresses the policy allows, and connects to those: no second lookup.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellation)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await _resolve(host, cancellation).ConfigureAwait(false);
        var allowed = new List<IPAddress>(addresses.Length);
        string? refused = null;
        foreach (var address in addresses)
        {
            if (AddressClassifier.WhyNotPublic(address) is { } why && !Limits.AllowPrivate.Covers(host, address))
            {
                refused ??= $"{host} resolves to {address}, {why}; the operator's net_allow_private does not cover it";
                continue;
            }
            allowed.Add(address);
        }
        if (allowed.Count == 0) throw new OutboundDeniedException(refused ?? $"{host} resolved to no address");
        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellation).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }

    private static (FetchResponse?, FetchError?) Fail(FetchErrorKind kind, string message) => (null, new FetchError(kind, message));

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }

    private static string Shorten(string s) => s.Length <= 200 ? s : s[..200] + "…";

    public void Dispose() => _client.Dispose();
}
