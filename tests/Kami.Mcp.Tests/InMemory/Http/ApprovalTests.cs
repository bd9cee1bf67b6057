using System.Text.Json.Nodes;
using Kami.Core.Approval;
using Kami.Core.Security;
using Kami.Runtime.Contracts;

namespace Kami.Mcp.Tests.InMemory.Http;

/// <summary>
/// Human approval of sensitive calls, through raw 2026-07-28 requests: the guest runs only after an accepting answer
/// bound to the exact arguments, caller and tool version; declines, other arguments, changed, replayed or foreign
/// state, and clients that cannot be asked never reach it.
/// </summary>
public sealed class ApprovalTests
{
    private const string ToolId = "dev.kami.fetcher";
    private static readonly SecurityPolicy Network = SecurityPolicy.DenyAll with { NetAllowList = ["api.example.com"] };
    private static readonly JsonObject Args = new() { ["text"] = "https://api.example.com/a" };

    private static async Task<(InMemoryHttpKami Server, FakeExecutor Executor, HttpClient Http)> StartAsync(ApprovalPolicy policy, MemoryAuditLog? audit = null)
    {
        var registry = new FakeRegistry();
        registry.Add(Tools.Tool(ToolId, Network, Tools.Text()));
        var executor = FakeExecutor.Echo();
        var home = Path.Combine(Path.GetTempPath(), "kami-approval-" + Guid.NewGuid().ToString("N"));
        var server = await InMemoryHttpKami.StartAsync(registry, executor, o => o with
        {
            Stateless = true,
            Approvals = policy,
            Paths = Kami.Core.Hosting.KamiPaths.ForHome(home),
        }, audit);
        return (server, executor, server.CreateHttpClient());
    }

    private static ApprovalPolicy Always => new(new Dictionary<string, ApprovalMode> { [ToolId] = ApprovalMode.Always }, null, false);

    private static Task<JsonObject> Call(InMemoryHttpKami server, HttpClient http, JsonObject args, JsonObject? responses = null, string? state = null,
        string version = "2026-07-28", bool elicitation = true) =>
        RawMcp.CallAsync(http, server.Url, InMemoryHttpKami.Token, ToolId, args, responses, state, version, elicitation);

    [Fact]
    public async Task Approval_Accepted_RunsTheGuestOnceWithTheApprovedArguments()
    {
        var audit = new MemoryAuditLog();
        var (server, executor, http) = await StartAsync(Always, audit);
        await using var _ = server;
        using var __ = http;

        var first = (await Call(server, http, Args))["result"]!.AsObject();
        Assert.Equal("input_required", (string?)first["resultType"]);
        var request = first["inputRequests"]!["kami_approval"]!;
        Assert.Equal("elicitation/create", (string?)request["method"]);
        var message = (string)request["params"]!["message"]!;
        Assert.Contains(ToolId, message);
        Assert.Contains("api.example.com", message);
        Assert.Contains("https://api.example.com/a", message);
        Assert.Empty(executor.Requests);

        var second = await Call(server, http, Args, new JsonObject { ["kami_approval"] = RawMcp.Accept(true) }, (string)first["requestState"]!);
        Assert.NotEqual(true, (bool?)second["result"]!["isError"]);
        Assert.Single(executor.Requests);
        Assert.Contains("https://api.example.com/a", executor.Requests[0].Input);
        await server.DisposeAsync();
        Assert.Equal(["approval_asked", "approved", "ok"], audit.Records.Select(r => r.Outcome));
        var approved = audit.Records[1];
        Assert.Equal("operator", approved.Caller);
        Assert.Contains("sha256:", approved.Error);
    }

    [Theory]
    [InlineData("decline")]
    [InlineData("cancel")]
    [InlineData("accept-unticked")]
    public async Task Approval_NotGiven_TheGuestNeverRuns(string answer)
    {
        var (server, executor, http) = await StartAsync(Always);
        await using var _ = server;
        using var __ = http;
        var first = (await Call(server, http, Args))["result"]!.AsObject();
        JsonObject response = answer == "accept-unticked" ? RawMcp.Accept(false) : new JsonObject { ["action"] = answer };

        var second = await Call(server, http, Args, new JsonObject { ["kami_approval"] = response }, (string)first["requestState"]!);

        Assert.Equal(true, (bool?)second["result"]!["isError"]);
        Assert.Contains("not approved", (string)second["result"]!["content"]![0]!["text"]!);
        Assert.Empty(executor.Requests);
    }

    [Fact]
    public async Task Approval_ForOtherArguments_IsRefusedAndTheGuestNeverRuns()
    {
        var (server, executor, http) = await StartAsync(Always);
        await using var _ = server;
        using var __ = http;
        var first = (await Call(server, http, Args))["result"]!.AsObject();

        var other = new JsonObject { ["text"] = "https://api.example.com/delete-everything" };
        var second = await Call(server, http, other, new JsonObject { ["kami_approval"] = RawMcp.Accept(true) }, (string)first["requestState"]!);

        Assert.Equal(-32602, (int?)second["error"]?["code"]);
        Assert.Empty(executor.Requests);
    }

    [Fact]
    public async Task Approval_TamperedOrReplayedState_IsRefused()
    {
        var (server, executor, http) = await StartAsync(Always);
        await using var _ = server;
        using var __ = http;
        var first = (await Call(server, http, Args))["result"]!.AsObject();
        var state = (string)first["requestState"]!;
        var yes = new JsonObject { ["kami_approval"] = RawMcp.Accept(true) };

        var flipped = state[..^2] + (state[^2] == 'A' ? 'B' : 'A') + state[^1];
        Assert.Equal(-32602, (int?)(await Call(server, http, Args, yes, flipped))["error"]?["code"]);
        Assert.Equal(-32602, (int?)(await Call(server, http, Args, yes, "kami1.forged"))["error"]?["code"]);
        Assert.Empty(executor.Requests);

        Assert.NotEqual(true, (bool?)(await Call(server, http, Args, yes, state))["result"]!["isError"]);
        var replay = await Call(server, http, Args, yes, state);
        Assert.Equal(-32602, (int?)replay["error"]?["code"]);
        Assert.Contains("already used", (string)replay["error"]!["message"]!);
        Assert.Single(executor.Requests);
    }

    [Fact]
    public async Task Approval_AnswerWithoutTheServersState_DoesNotApprove()
    {
        var (server, executor, http) = await StartAsync(Always);
        await using var _ = server;
        using var __ = http;

        var result = (await Call(server, http, Args, new JsonObject { ["kami_approval"] = RawMcp.Accept(true) }))["result"]!.AsObject();

        Assert.Equal("input_required", (string?)result["resultType"]);
        Assert.Empty(executor.Requests);
    }

    [Theory]
    [InlineData("2025-11-25", true)]
    [InlineData("2026-07-28", false)]
    public async Task Approval_ClientThatCannotBeAsked_IsRefusedWithoutRunning(string version, bool elicitation)
    {
        var (server, executor, http) = await StartAsync(Always);
        await using var _ = server;
        using var __ = http;

        var result = await Call(server, http, Args, version: version, elicitation: elicitation);

        var text = result["result"]?["content"]?[0]?["text"]?.GetValue<string>() ?? result["error"]?["message"]?.GetValue<string>() ?? "";
        Assert.Contains("approval", text);
        Assert.Empty(executor.Requests);
    }

    [Fact]
    public async Task FirstUse_AskedOnceThenRemembered()
    {
        var policy = new ApprovalPolicy(new Dictionary<string, ApprovalMode> { [ToolId] = ApprovalMode.FirstUse }, null, false);
        var (server, executor, http) = await StartAsync(policy);
        await using var _ = server;
        using var __ = http;
        var first = (await Call(server, http, Args))["result"]!.AsObject();
        await Call(server, http, Args, new JsonObject { ["kami_approval"] = RawMcp.Accept(true) }, (string)first["requestState"]!);

        var later = await Call(server, http, new JsonObject { ["text"] = "https://api.example.com/b" });

        Assert.NotEqual("input_required", (string?)later["result"]!["resultType"]);
        Assert.Equal(2, executor.Requests.Count);
    }

    [Fact]
    public async Task WhenGranted_AsksForAToolWithNetworkButNotForOneWithout()
    {
        Assert.Equal(ApprovalMode.Always, new ApprovalPolicy(new Dictionary<string, ApprovalMode>(), null, true).For(ToolId, Network));
        Assert.Equal(ApprovalMode.Never, new ApprovalPolicy(new Dictionary<string, ApprovalMode>(), null, true).For(ToolId, SecurityPolicy.DenyAll));
        var (server, executor, http) = await StartAsync(new ApprovalPolicy(new Dictionary<string, ApprovalMode>(), null, true));
        await using var _ = server;
        using var __ = http;

        Assert.Equal("input_required", (string?)(await Call(server, http, Args))["result"]!["resultType"]);
        Assert.Empty(executor.Requests);
    }
}
