using System.CommandLine;
using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Mcp.Hosting;
using Kami.Mcp.Tools;
using Kami.Runtime.Execution;

namespace Kami.Cli.Commands;

/// <summary><c>kami serve</c>: the enabled tools over MCP, on stdio (default) or Streamable HTTP.</summary>
internal static class ServeCommand
{
    public static Command Create(CommandRunner runner)
    {
        var http = new Option<string?>("--http") { Description = "Serve Streamable HTTP at http://HOST:PORT/mcp instead of stdio (e.g. 127.0.0.1:8931)" };
        var tokenFile = new Option<string?>("--token-file") { Description = "File holding the bearer token HTTP clients must send (or set KAMI_TOKEN)" };
        var stateless = new Option<bool>("--stateless") { Description = "HTTP without sessions, for replicas behind a load balancer (no list_changed; disconnect cancels)" };
        var toolNames = new Option<string?>("--tool-names") { Description = "Tool names: id (dev.kami.echo, default) or underscore (dev_kami_echo, for LLM APIs that reject dots)" };
        var concurrency = new Option<int?>("--concurrency") { Description = "Tool calls running at once (default: CPU count)" };
        var command = new Command("serve", "Serve the installed tools over MCP (stdio by default)") { http, tokenFile, stateless, toolNames, concurrency };
        runner.SetAction(command, async (context, cancellation) =>
        {
            var settings = context.Settings;
            var token = ReadToken(context.Get(tokenFile) ?? settings.TokenFile) ?? settings.Token;
            var options = new ServeOptions
            {
                Paths = settings.Paths,
                Runtime = RuntimeOptions.Default with
                {
                    MaxConcurrency = context.Get(concurrency) is { } n and > 0 ? n : settings.MaxConcurrency,
                    QueueLimit = settings.QueueLimit,
                    PoolingAllocator = settings.PoolingAllocator,
                    EnvDenyList = settings.EnvDenyList,
                },
                ToolNames = ToolNaming.ParseStyle(context.Get(toolNames) ?? settings.ToolNames),
                RateLimitPerMinute = settings.RateLimitPerMinute,
                AuditArguments = settings.AuditArguments,
                HttpEndpoint = context.Get(http),
                Token = token,
                Stateless = context.Get(stateless),
                AllowedOrigins = settings.AllowedOrigins,
                LogLevel = settings.LogLevel,
            };
            if (options.HttpEndpoint is null)
            {
                await StdioServer.RunAsync(options, context.Registry, context.AuditLog, cancellation);
                return ExitCodes.Ok;
            }
            await HttpServer.RunAsync(options, context.Registry, context.AuditLog,
                url => context.Output.Err.WriteLine($"kami: serving MCP at {url}" + (token is null ? "" : " (bearer token required)")), cancellation);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string? ReadToken(string? file)
    {
        if (file is null) return null;
        var path = file.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), file[2..]) : file;
        if (!File.Exists(path)) throw new KamiException(ErrorKind.InvalidInput, $"token file {file} does not exist; create it with a long random secret (e.g. openssl rand -hex 32 > {file})");
        var token = File.ReadAllText(path).Trim();
        if (token.Length < 16) throw new KamiException(ErrorKind.InvalidInput, $"the token in {file} is shorter than 16 characters; use a long random secret");
        return token;
    }
}
