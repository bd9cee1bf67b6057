using Kami.Core.Security.Network;

namespace Kami.Runtime.Http;

/// <summary>
/// What <see cref="OutboundHttp"/> did for one request, hop by hop, for the audit log: each host it sent to or
/// refused, each status, the body bytes each way. Only host names go in (never a path, query, userinfo or header
/// value), so nothing the tool or the operator put in a URL or a credential can reach the audit log through it.
/// One request at a time, on the thread that sends it.
/// </summary>
internal sealed class HopLog
{
    private readonly List<HttpHop> _hops = new(1);
    private string _method = "";
    private string _host = "";
    private long _sent;
    private long _received;
    private int? _status;
    private bool _open;

    public IReadOnlyList<HttpHop> Hops => _hops;

    /// <summary>A hop the policy refused before anything was sent (a URL or redirect target it does not allow).</summary>
    public void Refused(string method, string url, FetchErrorKind kind)
    {
        Close(null);
        _hops.Add(new HttpHop(method, HostOf(url), Contacted: false, Status: null, FetchErrorCase.Name(kind), 0, 0));
    }

    /// <summary>A hop about to be sent, with <paramref name="bodyBytes"/> of request body.</summary>
    public void Sending(string method, Uri uri, long bodyBytes)
    {
        Close(null);
        (_method, _host, _sent, _received, _status, _open) = (method, uri.IdnHost, bodyBytes, 0, null, true);
    }

    public void Answered(int status) => _status = status;

    /// <summary>Response body bytes read, counted as they arrive so a body cut short still counts what came.</summary>
    public void Read(long bytes) => _received += bytes;

    /// <summary>Ends the open hop, with the error the request ended in (null: answered or followed).</summary>
    public void Close(FetchErrorKind? error)
    {
        if (!_open) return;
        _open = false;
        // A hop refused at connect (every address the name resolved to is one the policy does not allow) sent nothing.
        var contacted = _status is not null || error is not (FetchErrorKind.Denied or FetchErrorKind.Invalid);
        _hops.Add(new HttpHop(_method, _host, contacted, _status, error is { } kind ? FetchErrorCase.Name(kind) : null, contacted ? _sent : 0, _received));
    }

    /// <summary>The host of <paramref name="url"/> (no userinfo, port or path), or a placeholder when it does not parse.</summary>
    public static string HostOf(string url) =>
        !Uri.TryCreate(url, UriKind.Absolute, out var uri) ? "(invalid URL)" : uri.IdnHost is { Length: > 0 } host ? host : "(no host)";
}
