using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Kami.Core.Errors;
using Kami.Core.Identity;
using Kami.Core.Registry;
using Kami.Mcp.Input;
using Kami.Mcp.Observability;
using Kami.Mcp.Callers;
using Kami.Runtime.Contracts;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Kami.Mcp.Tools;

/// <summary>
/// One installed tool as an MCP tool: validates arguments against the manifest's schema, runs the guest in the
/// sandbox under its recorded policy and integrity pin, and turns every outcome into a tool result.
/// </summary>
internal sealed class SandboxedTool : McpServerTool
{
    private readonly ToolServices _services;
    private readonly ArgumentValidator _validator;
    private readonly ArgumentFastCheck _fastCheck;
    private readonly OutputValidator? _output;
    private readonly ILogger _logger;

    // How long a result waits for the progress reports before it; they are sent as the guest makes them, so this is
    // the last one's send, not the call's work.
    private static readonly TimeSpan ProgressFlushLimit = TimeSpan.FromSeconds(1);

    public SandboxedTool(InstalledTool tool, string name, ToolServices services)
    {
        Installed = tool;
        _services = services;
        var schema = InputSchemaFactory.Create(tool.Manifest);
        _validator = new ArgumentValidator(schema);
        _fastCheck = new ArgumentFastCheck(tool.Manifest);
        _output = OutputValidator.For(tool.Manifest.OutputSchema);
        _logger = services.LoggerFactory.CreateLogger("Kami.Tools");
        var policy = tool.Manifest.Security;
        ProtocolTool = new Tool
        {
            Name = name,
            Title = tool.Manifest.Name,
            Description = tool.Manifest.Description,
            InputSchema = schema,
            OutputSchema = _output?.Schema,
            Annotations = new ToolAnnotations
            {
                Title = tool.Manifest.Name,
                ReadOnlyHint = !policy.CanWriteFiles && !policy.HasNetwork,
                OpenWorldHint = policy.HasNetwork,
                DestructiveHint = policy.CanWriteFiles,
            },
        };
    }

    public InstalledTool Installed { get; }

    public override Tool ProtocolTool { get; }

    public override IReadOnlyList<object> Metadata => [];

    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        var started = _services.Time.GetUtcNow();
        var clock = Stopwatch.GetTimestamp();
        var caller = CallerClaims.Of(request.User);
        // The call filter answers first; this holds if a filter is ever reordered. Not audited: to this caller the tool does not exist.
        if (!caller.Tools.Allows(Installed.Id.Value))
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = ToolCatalog.UnknownText(ProtocolTool.Name) }] };
        using var span = KamiTracing.StartCall(Installed, request.Params?.Meta);
        var input = "";
        ExecutionResult result;
        InputRequiredException? askClient;
        try
        {
            var arguments = request.Params?.Arguments;
            input = ArgumentsJson(arguments);
            (result, askClient) = await RunAsync(caller, request, arguments, input, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InputRequiredException or McpProtocolException)
        {
            // An approval to ask for, or a requestState that is not this call's: the SDK answers the round; no guest ran.
            await Record(span, caller, started, clock, input, Failure(ErrorKind.NotApproved, e.Message), e is InputRequiredException ? InputOutcomes.ApprovalAsked : InputOutcomes.StateRefused).ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The SDK sends no reply for a cancelled request, so nothing waits for the record; the audit log still gets the call.
            _ = Record(span, caller, started, clock, input, ExecutionResult.Cancelled(Installed.Id.Value), durable: false);
            throw;
        }
        catch (Exception e)
        {
            // A bug or a broken host, not the guest: the operator gets the details (server log, audit log), the client
            // a generic error, and the call is still audited and counted, as every call is.
            ToolLog.CallFailedUnexpectedly(_logger, Installed.Id.Value, e);
            await Record(span, caller, started, clock, input, Failure(ErrorKind.Internal, $"internal error: {e.GetType().Name}: {e.Message}")).ConfigureAwait(false);
            return CallResults.ToCallToolResult(Failure(ErrorKind.Internal, CallResults.InternalErrorText(ProtocolTool.Name)));
        }
        var fuelToday = await _services.Quotas.ChargeAsync(caller, Installed.Id.Value, result.Metrics.FuelUsed, CancellationToken.None).ConfigureAwait(false);
        // The answer leaves only once its audit record is committed (or the bounded wait for it ended).
        await Record(span, caller, started, clock, input, result, askClient is null ? null : InputOutcomes.InputRequired).ConfigureAwait(false);
        if (askClient is not null) throw askClient;
        LogOutcome(result);
        return CallCost.Attach(CallResults.ToCallToolResult(result), result.Metrics, caller.Quota, fuelToday);
    }

    // What an operator watches for: refused loads (a changed or invalid component), traps, limits hit, busy.
    private void LogOutcome(ExecutionResult result)
    {
        if (CallResults.ErrorOf(result) is not { } error) return;
        var id = Installed.Id.Value;
        switch (error.Kind)
        {
            case ErrorKind.Busy: ToolLog.Busy(_logger, id, error.Message); break;
            case ErrorKind.IntegrityMismatch or ErrorKind.ComponentInvalid or ErrorKind.ToolNotFound: ToolLog.LoadRefused(_logger, id, error.Message); break;
            case ErrorKind.GuestTrapped: ToolLog.Trapped(_logger, id, error.Message); break;
            case ErrorKind.LimitExceeded: ToolLog.LimitHit(_logger, id, $"{error.Limit}", error.LimitValue!, error.Message); break;
        }
    }

    private async Task<(ExecutionResult, InputRequiredException?)> RunAsync(Caller caller, RequestContext<CallToolRequestParams> request,
        IDictionary<string, JsonElement>? arguments, string input, CancellationToken cancellationToken)
    {
        var id = Installed.Id.Value;
        if (!_fastCheck.SurelyValid(arguments))
        {
            using var document = JsonDocument.Parse(input);
            if (_validator.Validate(document.RootElement) is { } problem)
                return (Failure(ErrorKind.InvalidInput, $"invalid arguments for tool {ProtocolTool.Name}: {problem}"), null);
        }

        // Before anything is counted or run: a retry's state is checked, and a call that needs a person's approval
        // goes no further without it.
        InputRound? round = null;
        if (_services.Input is { } rounds)
        {
            round = await rounds.BeginAsync(request, Installed, caller, input, cancellationToken).ConfigureAwait(false);
            switch (await rounds.ApproveAsync(round, Installed, caller, input, cancellationToken).ConfigureAwait(false))
            {
                case Approval.Declined:
                    return (Failure(ErrorKind.NotApproved, $"the call of tool {ProtocolTool.Name} was not approved; it did not run"), null);
                case Approval.ClientCannotAsk:
                    return (Failure(ErrorKind.NotApproved, $"tool {ProtocolTool.Name} runs only with a person's approval, and this client cannot be asked: " +
                        "use an MCP client that speaks protocol 2026-07-28 input requests and declares elicitation"), null);
                case Approval.Given:
                    // Who approved what, when: the record's time, its caller, and the arguments' digest (the arguments themselves
                    // only where the operator keeps them).
                    await Record(null, caller, _services.Time.GetUtcNow(), Stopwatch.GetTimestamp(), input, ExecutionResult.Success("", ExecutionMetrics.Empty),
                        InputOutcomes.Approved, $"approved by a person through {caller.Name}'s client for arguments sha256:{round.ArgumentsSha256}").ConfigureAwait(false);
                    break;
            }
        }

        if (await _services.Quotas.AdmitAsync(caller, id, cancellationToken).ConfigureAwait(false) is { } refusal)
            return (Failure(ErrorKind.QuotaExceeded, refusal.Message), null);
        if (!await _services.RateLimiter.TryAcquireAsync(id, cancellationToken).ConfigureAwait(false))
            return (Failure(ErrorKind.Busy, $"tool {id} is rate limited to {_services.RateLimiter.CallsPerMinute} calls per minute; try again later"), null);

        var logSink = new McpGuestLogSink(request.Server, request.JsonRpcRequest?.Context?.LogLevel, _logger);
        var progress = McpProgressSink.For(request);
        var session = round?.Session();
        var call = ExecutionRequest.For(Installed, input, _services.Paths, logSink) with { ProgressSink = progress, InputSession = session };
        var result = await _services.Executor.ExecuteAsync(call, cancellationToken).ConfigureAwait(false);
        // Progress goes before the result: over HTTP the response stream ends with it, and a later report is lost.
        if (progress is not null) await progress.FlushAsync(ProgressFlushLimit).ConfigureAwait(false);
        // A declared output schema is a promise to the client: output that breaks it is the tool's error, not its result.
        if (_output is not null && result is ExecutionResult.Succeeded ok && _output.Problem(ok.Output) is { } broken)
            result = ExecutionResult.Failure(ExecutionError.Of(ErrorKind.GuestFailed, $"tool {ProtocolTool.Name} failed: {broken}"), result.Metrics);
        // A guest that asked for input the client has not given ends its round there, whatever it returned; a trap or a
        // limit is the call's result all the same.
        var asked = round is not null && session is not null && (result is ExecutionResult.Succeeded || CallResults.ErrorOf(result)?.Kind == ErrorKind.GuestFailed)
            ? _services.Input!.AfterRun(round, session, Installed, caller) : null;
        return (result, asked);
    }

    private Task Record(Activity? span, Caller caller, DateTimeOffset started, long clock, string input, ExecutionResult result, string? outcomeOverride = null,
        string? detail = null, bool durable = true)
    {
        var id = Installed.Id.Value;
        var outcome = outcomeOverride ?? CallResults.OutcomeOf(result);
        var duration = Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
        KamiTracing.Complete(span, outcome, CallResults.ErrorOf(result) is not null, result.Metrics, duration);
        _services.Metrics.Record(id, outcome, duration, result.Metrics.FuelUsed);
        if (result.Metrics.HttpRequests > 0) _services.Metrics.RecordHttp(id, result.Metrics.HttpRequests, result.Metrics.HttpBytesSent, result.Metrics.HttpBytesReceived);
        var http = Observability.AuditHttp.Summarize(result.Metrics.Http);
        if (http is not null && _logger.IsEnabled(LogLevel.Debug))
            Observability.AuditLogMessages.OutboundHttp(_logger, id, http.Requests, http.BytesSent, http.BytesReceived, Observability.AuditHttp.Describe(http));
        _services.CallObserver?.Observe(id, input, result, TimeSpan.FromMilliseconds(duration));
        if (_services.AuditLog is not { } audit) return Task.CompletedTask;
        var record = new CallRecord(id, started, duration, outcome, result.Metrics.FuelUsed, detail ?? CallResults.ErrorOf(result)?.Message,
            _services.AuditArguments ? input : null, _services.Transport) { Http = http, Caller = caller.Name };
        if (durable) return audit.RecordAsync(record);
        audit.Record(record);
        return Task.CompletedTask;
    }

    // Failures decided here, before or around the runtime: no guest ran, so there is nothing to measure.
    private static ExecutionResult Failure(ErrorKind kind, string message) => ExecutionResult.Failure(ExecutionError.Of(kind, message), ExecutionMetrics.Empty);

    // The arguments object is handed to the guest as JSON text, exactly as the Rust KAMI does.
    private static string ArgumentsJson(IDictionary<string, JsonElement>? arguments)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (key, value) in arguments ?? new Dictionary<string, JsonElement>())
            {
                json.WritePropertyName(key);
                value.WriteTo(json);
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
