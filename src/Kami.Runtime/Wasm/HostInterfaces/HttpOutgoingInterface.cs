using System.Text;
using Kami.Core.Security.Network;
using Kami.Runtime.Contracts;
using Kami.Runtime.Http;
using Wasmtime.Components;

namespace Kami.Runtime.Wasm.HostInterfaces;

/// <summary>
/// The <c>kami:http/outgoing@0.1.0</c> interface (wit/http.wit): <c>fetch</c> marshalled between component values
/// and <see cref="OutboundHttp"/>. Runs on the guest's worker thread and blocks it for the request, bounded by the
/// request's timeout and the call's remaining wall clock.
/// </summary>
internal sealed class HttpOutgoingInterface : HostInterface
{
    public const string Interface = "kami:http/outgoing@0.1.0";

    public override string Name => Interface;

    public override bool Provides(string import) => import.StartsWith("kami:http/outgoing@0.1.", StringComparison.Ordinal);

    /// <summary>The 256 u8 values, made once: the binding marshals a list&lt;u8&gt; element by element, so a body no longer makes an object per byte.</summary>
    private static readonly ComponentValue[] ByteValues = [.. Enumerable.Range(0, 256).Select(b => ComponentValue.U8((byte)b))];

    public override void Define(ComponentLinker linker, HostServices services)
    {
        var http = services.Http;
        using var root = linker.Root();
        using var outgoing = root.AddInstance(Interface);
        outgoing.DefineFunction("fetch", (args, results) => results[0] = Fetch(http, args[0]));
    }

    private static ComponentValue Fetch(OutboundHttp http, ComponentValue request)
    {
        var call = CallContext.Current;
        if (call?.Budget is not { } budget) return Error(FetchErrorKind.Denied, "outbound requests are not allowed while the tool starts");
        var hops = new HopLog();
        var fetch = Read(request) with { Hops = hops };
        var exchanges = call.State<HttpCallState>().Exchanges;
        if (exchanges.Count >= http.Limits.MaxRequestsPerCall)
            return Error(FetchErrorKind.Denied, $"at most {http.Limits.MaxRequestsPerCall} requests per call");

        var remaining = budget.Remaining;
        var (response, error) = http.Send(fetch, http.Limits.AllowLists.Matcher(call.ToolId, budget.Policy.NetAllowList), remaining, budget.Cancellation, call.ToolId);
        // Timed out on the call's clock, not the request's own: the call is at its limit, whatever the guest does next.
        if (error?.Kind == FetchErrorKind.Timeout && remaining < http.OwnTimeout(fetch)) budget.EndNow();
        // Refused before any hop (method, headers, body size, no time left): recorded against the host it named.
        exchanges.Add(new HttpExchange(hops.Hops.Count > 0 ? hops.Hops
            : [new HttpHop(fetch.Method, HopLog.HostOf(fetch.Url), Contacted: false, Status: null, FetchErrorCase.Name(error!.Kind), 0, 0)]));
        return error is not null ? Error(error.Kind, error.Message) : ComponentValue.Ok(Write(response!));
    }

    private static FetchRequest Read(ComponentValue request)
    {
        var headers = request.Field("headers").AsList()
            .Select(h => new KeyValuePair<string, string>(h.Field("name").AsString(), h.Field("value").AsString()))
            .ToList();
        var body = request.Field("body");
        var timeout = request.Field("timeout-ms");
        return new FetchRequest(
            request.Field("method").AsString(),
            request.Field("url").AsString(),
            headers,
            body.IsSome ? Bytes(body.Payload!) : null,
            timeout.IsSome ? timeout.Payload!.AsU32() : null);
    }

    private static byte[] Bytes(ComponentValue body) =>
        body.AsVariant() == "text"
            ? Encoding.UTF8.GetBytes(body.Payload!.AsString())
            : [.. body.Payload!.AsList().Select(b => b.AsU8())];

    private static ComponentValue Write(FetchResponse response)
    {
        var headers = response.Headers
            .Select(h => ComponentValue.Record([new("name", ComponentValue.String(h.Key)), new("value", ComponentValue.String(h.Value))]))
            .ToList();
        var body = response.Text is { } text
            ? ComponentValue.Variant("text", ComponentValue.String(text))
            : ComponentValue.Variant("bytes", ComponentValue.List(Array.ConvertAll(response.Bytes!, b => ByteValues[b])));
        return ComponentValue.Record([
            new("status", ComponentValue.U16((ushort)response.Status)),
            new("headers", ComponentValue.List(headers)),
            new("body", body),
        ]);
    }

    private static ComponentValue Error(FetchErrorKind kind, string message) =>
        ComponentValue.Err(ComponentValue.Variant(FetchErrorCase.Name(kind), kind == FetchErrorKind.Timeout ? null : ComponentValue.String(message)));
}
