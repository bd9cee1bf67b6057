using System.CommandLine;
using Kami.Cli.Authoring;
using Kami.Cli.CommandLine;
using Kami.Cli.Configuration;
using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Core.Hosting;
using Kami.Mcp.Hosting;
using Kami.Mcp.Hosting.Http;
using Kami.Packaging.Install;
using Kami.Registry.Sqlite;
using Kami.Runtime.Contracts;

namespace Kami.Cli.Commands;

/// <summary>
/// <c>kami dev [dir] [--http HOST:PORT]</c>: builds the package, serves it over MCP from a private, throwaway
/// home (the installed tools are not touched), and on every source change rebuilds and swaps the new
/// component in; the server's registry watcher tells clients with list_changed. A failed rebuild keeps the
/// last good version serving. Each call is printed with its input, output, fuel and time; guest logs show at
/// debug level. Everything goes to stderr: on stdio, stdout is the MCP connection.
/// </summary>
internal static class DevCommand
{
    public static Command Create(CommandRunner runner)
    {
        var dir = new Argument<string>("dir") { Description = "The package directory (default: the current one)", DefaultValueFactory = _ => "." };
        var http = new Option<string?>("--http") { Description = $"Serve Streamable HTTP at http://HOST:PORT/mcp instead of stdio (e.g. {HttpEndpoint.Default})" };
        var noAuth = new Option<bool>("--no-auth") { Description = "HTTP without a bearer token (loopback addresses only)" };
        var command = new Command("dev", "Build a package, serve it over MCP, and rebuild and swap it in on every change") { dir, http, noAuth };
        runner.SetAction(command, async (context, cancellation) =>
        {
            var root = Path.GetFullPath(context.Get(dir));
            ToolBuilder.ReadManifest(root); // a clear error now, not a silent watcher on the wrong directory
            var err = context.Output.Err;
            var home = Directory.CreateTempSubdirectory("kami-dev-").FullName;
            try
            {
                var paths = KamiPaths.ForHome(home);
                var registry = new SqliteToolRegistry(paths.Database);
                var installer = new ToolInstaller(registry, registry, paths, TimeProvider.System);
                using var watcher = new SourceWatcher(root);
                await BuildAndSwapAsync(context, root, installer, cancellation);

                var settings = context.Settings;
                var auth = HttpAuth.Resolve(null, (settings.TokenFile, context.SettingsLoader.SourceOf(SettingKeys.TokenFile)),
                    (settings.Token, context.SettingsLoader.SourceOf(SettingKeys.Token)), settings.Paths.Home, context.Get(noAuth), createDefault: context.Get(http) is not null);
                var options = new ServeOptions
                {
                    Paths = paths,
                    Runtime = RuntimeOptions.Default with { EnvDenyList = settings.EnvDenyList },
                    AuditArguments = true,
                    HttpEndpoint = context.Get(http),
                    Token = auth.Token,
                    NoAuth = context.Get(noAuth),
                    LogLevel = Microsoft.Extensions.Logging.LogLevel.Debug,
                    CallObserver = new DevCallPrinter(err),
                };
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                var server = options.HttpEndpoint is null
                    ? StdioServer.RunAsync(options, registry, null, stop.Token)
                    : HttpServer.RunAsync(options, registry, null,
                        url => err.WriteLine($"kami: serving MCP at {url}" + (auth.Notice is null ? "" : $" ({auth.Notice})")), stop.Token);
                var watching = WatchAsync(context, root, installer, watcher, stop.Token);
                await Task.WhenAny(server, watching);
                await stop.CancelAsync();
                await server; // the server ended (stdin closed, Ctrl+C): so does dev
                try { await watching; } catch (OperationCanceledException) { }
                return ExitCodes.Ok;
            }
            finally
            {
                try { Directory.Delete(home, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        });
        return command;
    }

    private static async Task WatchAsync(CommandContext context, string root, ToolInstaller installer, SourceWatcher watcher, CancellationToken cancellation)
    {
        context.Output.Note($"kami dev: watching {root} for changes");
        while (!cancellation.IsCancellationRequested)
        {
            var changed = await watcher.NextAsync(cancellation);
            context.Output.Note($"kami dev: changed {string.Join(", ", changed)}; rebuilding");
            await BuildAndSwapAsync(context, root, installer, cancellation);
        }
    }

    // A failed build is reported and the last good component keeps serving.
    private static async Task BuildAndSwapAsync(CommandContext context, string root, ToolInstaller installer, CancellationToken cancellation)
    {
        try
        {
            var built = await BuildCommand.Build(context, root, cancellation);
            var installed = installer.Install(root, new InstallOptions(Force: true) { AllowDowngrade = true });
            context.Output.Note($"kami dev: serving {installed.Tool.Id} {installed.Tool.Manifest.Version} ({built.Bytes:N0} bytes, built in {built.BuildTime.TotalSeconds:0.0} s)");
        }
        catch (Exception e) when (e is KamiException { IsUserError: true } or IOException or UnauthorizedAccessException)
        {
            // An editor mid-save or a file briefly locked is as recoverable as a syntax error: say it, keep serving.
            context.Output.Error(e is ManifestInvalidException m ? "the package is not valid: " + string.Join("; ", m.Problems) : e.Message);
            context.Output.Note("kami dev: fix it and save; the last good build (if any) is still served");
        }
    }
}
