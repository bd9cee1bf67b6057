using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Kami.Core.Errors;
using Kami.Core.Registry;
using Kami.Runtime.Execution;
using Microsoft.Extensions.Logging;
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
    private readonly ILogger _logger;

    public SandboxedTool(InstalledTool tool, string name, ToolServices services)
    {
        Installed = tool;
        _services = services;
        var schema = InputSchemaFactory.Create(tool.Manifest);
        _validator = new ArgumentValidator(schema);
        _fastCheck = new ArgumentFastCheck(tool.Manifest);
        _logger = services.LoggerFactory.CreateLogger("Kami.Tools");
        var policy = tool.Manifest.Security;
        ProtocolTool = new Tool
        {
            Name = name,
            Title = tool.Manifest.Name,
            Description = tool.Manifest.Description,
            InputSchema = schema,
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
        var id = Installed.Id.Value;
        var started = _services.Time.GetUtcNow();
        var clock = Stopwatch.GetTimestamp();
        var arguments = request.Params?.Arguments;
        var input = ArgumentsJson(arguments);

        if (!_services.RateLimiter.TryAcquire(id))
            return Finish(id, started, clock, input, ExecutionResult.Failure(ErrorKind.Busy,
                $"tool {id} is rate limited to {_services.RateLimiter.CallsPerMinute} calls per minute; try again later", ExecutionMetrics.Empty));

        if (!_fastCheck.SurelyValid(arguments))
        {
            using var document = JsonDocument.Parse(input);
            if (_validator.Validate(document.RootElement) is { } problem)
                return Finish(id, started, clock, input, ExecutionResult.Failure(ErrorKind.InvalidInput, $"invalid arguments for tool {ProtocolTool.Name}: {problem}", ExecutionMetrics.Empty));
        }

        var result = await _services.Runtime.ExecuteAsync(new ExecutionRequest(id, Installed.WasmFile, Installed.Manifest.Security, input)
        {
            ExpectedSha256 = Installed.WasmSha256,
            DataDirectory = _services.Paths.DataDirectory(Installed.Id),
            LogSink = new McpGuestLogSink(request.Server, request.JsonRpcRequest?.Context?.LogLevel, _logger),
        }, cancellationToken).ConfigureAwait(false);
        return Finish(id, started, clock, input, result);
    }

    private CallToolResult Finish(string id, DateTimeOffset started, long clock, string input, ExecutionResult result)
    {
        var outcome = result.Ok ? "ok" : result.ErrorKind?.ToString() ?? "error";
        var duration = Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
        _services.Metrics.Record(id, outcome, duration, result.Metrics.FuelUsed);
        _services.AuditLog?.Record(new CallRecord(id, started, duration, outcome, result.Metrics.FuelUsed, result.Error,
            _services.AuditArguments ? input : null, _services.Transport));
        return ToCallToolResult(result);
    }

    internal static CallToolResult ToCallToolResult(ExecutionResult result)
    {
        if (!result.Ok)
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = result.Error ?? "the tool failed" }] };
        var output = result.Output ?? "";
        return new CallToolResult { Content = [new TextContentBlock { Text = output }], StructuredContent = AsJsonObject(output) };
    }

    private static JsonElement? AsJsonObject(string output)
    {
        if (output.Length == 0 || output[0] != '{') return null;
        try
        {
            using var document = JsonDocument.Parse(output);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

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
