using System.Reflection;
using Kami.Core.Errors;
using Kami.Core.Identity;
using Kami.Core.Registry;
using Kami.Mcp.Callers;
using Kami.Mcp.Observability;
using Kami.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Kami.Mcp.Hosting;

/// <summary>Registers KAMI's MCP server (tools from the registry, run in the sandbox) for either transport.</summary>
public static class KamiMcpServices
{
    /// <summary>Adds the server, the runtime and the installed tools; <paramref name="transport"/> names the transport in the audit log (<c>stdio</c>, <c>http</c>, <c>http-stateless</c>). The caller adds the SDK transport itself.</summary>
    public static IMcpServerBuilder AddKamiMcp(this IServiceCollection services, ServeOptions options, IToolRegistry registry, IAuditLog? auditLog, string transport)
    {
        // Made on the first call, so start-up and tools/list never wait for Wasmtime.
        services.AddSingleton(sp => new LazyToolRuntime(options.Runtime, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Kami.Runtime")));
        // Tests put their own executor (and clock) in first; the server runs calls in the sandbox.
        services.TryAddSingleton<IToolExecutor>(sp => new RuntimeExecutor(sp.GetRequiredService<LazyToolRuntime>()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KamiMetrics>();
        // A fleet's shared counter (PostgreSQL) makes the per-tool limit hold for the fleet; alone, a token bucket per tool here.
        services.AddSingleton(sp => new ToolRateLimiter(options.RateLimitPerMinute, options.QuotaCounter, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IQuotaCounter>(sp => options.QuotaCounter ?? new InProcessQuotaCounter(sp.GetRequiredService<TimeProvider>()));
        // Created by the container so that it is disposed (and its queue drained) when the server stops.
        if (auditLog is not null)
            services.AddSingleton(sp => new GroupCommitAuditLog(auditLog, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Kami.Audit"), sp.GetRequiredService<TimeProvider>())
            {
                WaitForCommit = options.AuditDurable,
            });
        services.AddSingleton(sp => new Input.InputRounds(
            new Input.RequestStateSealer(Input.StateKey.LoadOrCreate(options.StateKeyFile ?? Path.Combine(options.Paths.Home, Input.StateKey.DefaultFileName))),
            sp.GetRequiredService<IQuotaCounter>(), options.Approvals, options.Runtime.EnvDenyList, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(registry);
        services.AddSingleton(sp => new ToolServices(sp.GetRequiredService<IToolExecutor>(), options.Paths, sp.GetRequiredService<ToolRateLimiter>(),
            sp.GetRequiredService<KamiMetrics>(), auditLog is null ? null : sp.GetRequiredService<GroupCommitAuditLog>(), options.AuditArguments,
            transport, sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>())
        {
            CallObserver = options.CallObserver,
            Quotas = new QuotaGate(sp.GetRequiredService<IQuotaCounter>(), sp.GetRequiredService<TimeProvider>()),
            Input = sp.GetRequiredService<Input.InputRounds>(),
        });
        services.AddSingleton(sp =>
        {
            var catalog = new ToolCatalog(registry, sp.GetRequiredService<ToolServices>(), options.ToolNames,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("Kami.Catalog"))
            {
                Content = new Packages.PackageContentCatalog(sp.GetRequiredService<ILoggerFactory>().CreateLogger("Kami.Catalog")),
            };
            catalog.Sync();
            return catalog;
        });
        services.AddHostedService<RegistryWatcher>();
        services.AddHostedService<HeapTrimmer>();

        var builder = services.AddMcpServer();
        services.AddOptions<McpServerOptions>().Configure<ToolCatalog>((o, catalog) =>
        {
            o.ServerInfo = new Implementation { Name = "kami", Version = Kami.Core.Hosting.KamiVersion.Current };
            o.ServerInstructions = "Tools served by KAMI run as sandboxed WebAssembly components with no file, network or environment access unless their manifest grants it.";
            o.Capabilities ??= new ServerCapabilities();
            o.Capabilities.Tools = new ToolsCapability { ListChanged = true };
#pragma warning disable MCP9005 // deprecated by MCP 2026-07-28; today's clients still use it for tool logs
            o.Capabilities.Logging = new LoggingCapability();
#pragma warning restore MCP9005
            o.ToolCollection = catalog.Tools;
            // Packages' prompts and resources ([[prompts]], [[resources]] in tool.toml), served beside their tools.
            o.PromptCollection = catalog.Content!.Prompts;
            o.ResourceCollection = catalog.Content.Resources;
            o.Capabilities.Prompts = new PromptsCapability { ListChanged = true };
            o.Capabilities.Resources = new ResourcesCapability { ListChanged = true };
            o.Capabilities.Completions = new CompletionsCapability();
            o.Handlers.CompleteHandler = (request, cancellation) => ValueTask.FromResult(Packages.PackageCompletion.Complete(request, catalog));
            // KAMI registers no scoped services; a DI scope per request would be pure overhead on every call.
            o.ScopeRequests = false;
        });
        builder.WithRequestFilters(filters => filters.AddListToolsFilter(next => async (context, cancellation) =>
        {
            var result = await next(context, cancellation).ConfigureAwait(false);
            // A caller sees only the tools it may call.
            var access = CallerClaims.Of(context.User).Tools;
            if (!ReferenceEquals(access, ToolAccess.All))
            {
                var catalog = context.Services!.GetRequiredService<ToolCatalog>();
                result.Tools = [.. result.Tools.Where(t => catalog.Allows(t.Name, access))];
            }
            // SEP-2549 caching hints: the list depends on the caller's token, so no shared cache may keep it; and an
            // install reaches every replica within a second or so, so a client may reuse it for a few seconds only.
            result.TimeToLive = ToolListTimeToLive;
            result.CacheScope = CacheScope.Private;
            // The tools are listed; get ready for the first call while the agent decides what to call.
            // The names are read on the warm-up thread (only the first list's are), not copied on every list.
            var listed = result.Tools;
            var served = context.Services!.GetRequiredService<ToolCatalog>();
            context.Services!.GetRequiredService<IToolExecutor>().WarmInBackground(
                () => FirstCallCandidates.Of([.. listed.Select(t => t.Name)], served, options.Paths, auditLog));
            return result;
        }));
        builder.WithRequestFilters(filters => Packages.PackageAccessFilters.Add(filters));
        builder.WithRequestFilters(filters => filters.AddCallToolFilter(next => async (context, cancellation) =>
        {
            var name = context.Params?.Name ?? "";
            var access = CallerClaims.Of(context.User).Tools;
            var catalog = context.Services!.GetRequiredService<ToolCatalog>();
            if (context.MatchedPrimitive is null)
            {
                // Looked up while a sync was swapping this tool's new version in: the lookup again waits for the sync.
                // A name that is still not served gets a tool error that says why (disabled, or unknown) instead of -32602.
                if (catalog.Find(name) is not { } tool)
                    return Refused(catalog.ExplainMissing(name, access));
                context.MatchedPrimitive = tool;
            }
            // A tool the caller may not use is unknown to it, in the same words as a name no tool has.
            if (context.MatchedPrimitive is SandboxedTool served && !access.Allows(served.Installed.Id.Value))
                return Refused(ToolCatalog.UnknownText(name));
            return await next(context, cancellation).ConfigureAwait(false);
        }));
        return builder;
    }

    /// <summary>How long a client may reuse a tools/list (its <c>ttlMs</c>).</summary>
    public static readonly TimeSpan ToolListTimeToLive = TimeSpan.FromSeconds(5);

    private static CallToolResult Refused(string text) => new() { IsError = true, Content = [new TextContentBlock { Text = text }] };
}
