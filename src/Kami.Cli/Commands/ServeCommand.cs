using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Configuration;
using Kami.Cli.Installing;
using Kami.Cli.Output;
using Kami.Core.Tools;
using Kami.Mcp.Hosting;
using Kami.Mcp.Hosting.Http;
using Kami.Mcp.Observability;
using Kami.Mcp.Tools;
using Kami.Runtime.Contracts;

namespace Kami.Cli.Commands;

/// <summary><c>kami serve</c>: the enabled tools over MCP, on stdio (default) or Streamable HTTP.</summary>
internal static class ServeCommand
{
    public static Command Create(CommandRunner runner)
    {
        var http = new Option<string?>("--http") { Description = $"Serve Streamable HTTP at http://HOST:PORT/mcp instead of stdio (e.g. {HttpEndpoint.Default})" };
        var tokenFile = new Option<string?>("--token-file") { Description = "File holding the bearer token HTTP clients must send (or set KAMI_TOKEN; default $KAMI_HOME/token, created once)" };
        var noAuth = new Option<bool>("--no-auth") { Description = "HTTP without a bearer token, so any local user can call the tools (loopback addresses only)" };
        var stateless = new Option<bool>("--stateless") { Description = "HTTP without sessions, for replicas behind a load balancer (no list_changed; disconnect cancels)" };
        var toolNames = new Option<ToolNameStyle?>("--tool-names") { Description = "Tool names: id (dev.kami.echo, default) or underscore (dev_kami_echo, for LLM APIs that reject dots)" }
            .OneOf(ToolNaming.StyleNames, ToolNaming.TryParseStyle);
        var concurrency = new Option<int?>("--concurrency") { Description = "Tool calls running at once (default: CPU count)" };
        var command = new Command("serve", "Serve the installed tools over MCP (stdio by default)") { http, tokenFile, noAuth, stateless, toolNames, concurrency };
        runner.SetAction(command, async (context, cancellation) =>
        {
            var settings = context.Settings;
            var loader = context.SettingsLoader;
            foreach (var warning in UnmatchedAllowLists.Warnings(settings.NetAllowLists, context.Registry)) context.Output.Warning(warning);
            var serveHttp = context.Get(http) is not null;
            var auth = HttpAuth.Resolve(context.Get(tokenFile), (settings.TokenFile, loader.SourceOf(SettingKeys.TokenFile)),
                (settings.Token, loader.SourceOf(SettingKeys.Token)), settings.Paths.Home, context.Get(noAuth), createDefault: serveHttp);
            var options = new ServeOptions
            {
                Paths = settings.Paths,
                Runtime = RuntimeOptions.Default with
                {
                    MaxConcurrency = context.Get(concurrency) is { } n and > 0 ? n : settings.MaxConcurrency,
                    QueueLimit = settings.QueueLimit,
                    PoolingAllocator = settings.PoolingAllocator,
                    EnvDenyList = settings.EnvDenyList,
                    Signatures = context.SignaturePolicy with { IsTrusted = new TrustedSignerSnapshot(context.Registry).IsTrusted },
                    CompiledCacheDirectory = settings.CompiledCacheDirectory,
                    Components = context.Connection.Components,
                    CompiledCacheMaxBytes = settings.CompiledCacheMaxBytes,
                    Http = RuntimeOptions.Default.Http with { AllowPrivate = settings.NetAllowPrivate, Credentials = settings.NetCredentials, AllowLists = settings.NetAllowLists },
                },
                ToolNames = context.Get(toolNames) ?? ToolNaming.ParseStyle(settings.ToolNames),
                RateLimitPerMinute = settings.RateLimitPerMinute,
                AuditArguments = settings.AuditArguments,
                // A fleet's shared log is what operators rely on when a replica is killed; one machine keeps its answers
                // as fast as before unless asked (a commit per call costs more than a small tool's whole call).
                AuditDurable = settings.AuditDurable ?? !context.AuditLog.CommitsLocally,
                HttpEndpoint = context.Get(http),
                Token = auth.Token,
                Clients = context.Registry,
                QuotaCounter = context.Connection.Quotas,
                OAuth = serveHttp && settings.OAuthIssuer is { } issuer
                    ? OAuthOptions.Create(issuer, settings.OAuthAudience, settings.OAuthScopes) with
                    {
                        Quota = new Kami.Core.Identity.ClientQuota(settings.OAuthCallsPerMinute, settings.OAuthFuelPerDay),
                    }
                    : null,
                NoAuth = context.Get(noAuth),
                Approvals = settings.Approvals,
                StateKeyFile = settings.StateKeyFile,
                Stateless = context.Get(stateless),
                AllowedOrigins = settings.AllowedOrigins,
                LogLevel = settings.LogLevel,
                // Off unless asked for: OTLP when the standard OTEL_* variables name a collector, /metrics on HTTP only.
                Telemetry = new TelemetryOptions
                {
                    Otlp = TelemetryOptions.OtlpConfigured(Environment.GetEnvironmentVariable),
                    Prometheus = serveHttp,
                    MetricsPublic = settings.MetricsPublic,
                },
            };
            if (options.HttpEndpoint is null)
            {
                await StdioServer.RunAsync(options, context.Registry, context.AuditLog, cancellation);
                return ExitCodes.Ok;
            }
            await HttpServer.RunAsync(options, context.Registry, context.AuditLog,
                url => context.Output.Err.WriteLine($"kami: serving MCP at {url}" + (auth.Notice is null ? "" : $" ({auth.Notice})")), cancellation);
            return ExitCodes.Ok;
        });
        return command;
    }
}
