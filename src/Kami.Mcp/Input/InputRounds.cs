using System.Text;
using System.Text.Json;
using Kami.Core.Approval;
using Kami.Core.Identity;
using Kami.Core.Registry;
using Kami.Core.Security;
using Kami.Runtime.Contracts;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Kami.Mcp.Input;

/// <summary>
/// Calls that span rounds (MCP's input requests): reads what a retry brings back and refuses state that is not this
/// call's (sealed, bound to tool, version, arguments and caller, expiring, used once, fleet-wide through the quota
/// counters), asks a person for approval before a guest runs where the operator's policy says so, and after a
/// guest's round answers with the input it asked for.
/// </summary>
internal sealed class InputRounds(RequestStateSealer sealer, IQuotaCounter counters, ApprovalPolicy approvals, EnvDenyList denied, TimeProvider time)
{
    /// <summary>How long a person has to answer before the state expires.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public const int MaxAnswers = 32;
    public const int MaxAnswerBytes = 256 * 1024;
    // First-use approvals are remembered for as long as a counter window can be.
    private static readonly QuotaWindow Forever = new(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(200));

    /// <summary>Reads the round's state and answers; a state that is not this call's is a protocol error (-32602).</summary>
    public async ValueTask<InputRound> BeginAsync(RequestContext<CallToolRequestParams> request, InstalledTool tool, Caller caller, string arguments, CancellationToken cancellation)
    {
        var client = ClientInput.Of(request);
        RequestState? previous = null;
        string? argumentsSha256 = null;
        if (request.Params?.RequestState is { } sealedState)
        {
            argumentsSha256 = RequestStateSealer.Sha256(arguments);
            previous = sealer.Open(sealedState) ?? throw Invalid("requestState was not issued by this server (or was changed); start the call again without it");
            if (previous.Tool != tool.Id.Value || previous.Version != tool.Manifest.Version.ToString() || previous.ArgumentsSha256 != argumentsSha256 || previous.Caller != caller.Name)
                throw Invalid("requestState was issued for another call (tool, version, arguments or client differ); start the call again without it");
            var issued = DateTimeOffset.FromUnixTimeSeconds(previous.IssuedUnix);
            var expires = DateTimeOffset.FromUnixTimeSeconds(previous.ExpiresUnix);
            if (time.GetUtcNow() >= expires) throw Invalid("requestState has expired; start the call again without it");
            if (await counters.AddAsync("request-state:" + previous.Id, new QuotaWindow(issued, expires), 1, cancellation).ConfigureAwait(false) > 1)
                throw Invalid("requestState was already used; each one is good for one retry");
        }
        var answers = new Dictionary<string, string>(previous?.Answers ?? [], StringComparer.Ordinal);
        foreach (var (key, response) in request.Params?.InputResponses ?? new Dictionary<string, InputResponse>())
        {
            // Answers to what was not asked are ignored (the client may send more than it was asked); a state says what was.
            if (previous is not null && !(previous.Asked?.Contains(key) ?? false) && !(key == ApprovalGate.Key && previous.ApprovalAsked)) continue;
            if (response is null || response.RawValue.ValueKind != JsonValueKind.Object)
                throw Invalid($"inputResponses.{Shown(key)} must be an object: the client's result for that input request");
            answers[key] = response.RawValue.GetRawText();
        }
        if (answers.Count > MaxAnswers || answers.Sum(a => Encoding.UTF8.GetByteCount(a.Value)) > MaxAnswerBytes)
            throw Invalid($"inputResponses hold more than a call may carry ({MaxAnswers} answers, {MaxAnswerBytes / 1024} KiB in all)");
        return new InputRound(previous, answers, client, arguments, argumentsSha256);
    }

    /// <summary>
    /// Whether the guest may run now. Throws <see cref="InputRequiredException"/> to ask a person first; returns
    /// what to tell the client and the audit log otherwise.
    /// </summary>
    public async ValueTask<Approval> ApproveAsync(InputRound round, InstalledTool tool, Caller caller, string arguments, CancellationToken cancellation)
    {
        if (!approvals.Any) return Approval.NotNeeded;
        var mode = approvals.For(tool.Id.Value, tool.Manifest.Security);
        if (mode == ApprovalMode.Never || round.Approved) return Approval.NotNeeded;
        var firstUseKey = $"approved:{caller.QuotaKey}:{tool.Id.Value}@{tool.Manifest.Version}";
        if (mode == ApprovalMode.FirstUse && await counters.AddAsync(firstUseKey, Forever, 0, cancellation).ConfigureAwait(false) > 0) return Approval.NotNeeded;
        if (round.Previous?.ApprovalAsked == true && round.Answers.TryGetValue(ApprovalGate.Key, out var answer))
        {
            using var document = JsonDocument.Parse(answer);
            if (!ApprovalGate.Approves(document.RootElement)) return Approval.Declined;
            round.Approved = true;
            if (mode == ApprovalMode.FirstUse) await counters.AddAsync(firstUseKey, Forever, 1, cancellation).ConfigureAwait(false);
            return Approval.Given;
        }
        if (!round.Client.SpeaksInputRequired) return Approval.ClientCannotAsk;
        if (!round.Client.Methods.Contains(ClientInput.Elicitation)) return Approval.ClientCannotAsk;
        throw new InputRequiredException(new Dictionary<string, InputRequest> { [ApprovalGate.Key] = ApprovalGate.Request(tool, arguments, denied) },
            Seal(round, tool, caller, kept: round.Previous?.Kept, asked: [], approvalAsked: true));
    }

    /// <summary>After a guest's round: the input it asked for and did not have, as the round's answer; null when it asked for none.</summary>
    public InputRequiredException? AfterRun(InputRound round, InputSession session, InstalledTool tool, Caller caller)
    {
        if (session.Pending.Count == 0) return null;
        var requests = new Dictionary<string, InputRequest>(StringComparer.Ordinal);
        foreach (var pending in session.Pending)
        {
            using var document = JsonDocument.Parse(pending.ParamsJson);
            requests[pending.Key] = new InputRequest { Method = pending.Method, Params = document.RootElement.Clone() };
        }
        return new InputRequiredException(requests, Seal(round, tool, caller, session.KeepNext, [.. session.Pending.Select(p => p.Key)], approvalAsked: false));
    }

    private string Seal(InputRound round, InstalledTool tool, Caller caller, string? kept, List<string> asked, bool approvalAsked)
    {
        var now = time.GetUtcNow();
        // Only what the guest may read again goes forward: the answers it was given, never the host's own.
        var answers = round.GuestAnswers();
        return sealer.Seal(new RequestState(tool.Id.Value, tool.Manifest.Version.ToString(), round.ArgumentsSha256, caller.Name,
            now.ToUnixTimeSeconds(), now.Add(Lifetime).ToUnixTimeSeconds(), RequestStateSealer.NewId())
        {
            Answers = answers.Count > 0 ? answers : null,
            Kept = kept,
            Approved = round.Approved,
            ApprovalAsked = approvalAsked,
            Asked = asked.Count > 0 ? asked : null,
        });
    }

    private static McpProtocolException Invalid(string message) => new(message, McpErrorCode.InvalidParams);

    private static string Shown(string key) => key.Length <= 64 ? key : key[..64] + "…";
}

/// <summary>Where a call stands with approval once it may go on (or may not).</summary>
internal enum Approval
{
    /// <summary>No approval is needed (policy, an earlier approval in this call, or first use already approved).</summary>
    NotNeeded,

    /// <summary>A person approved this call just now.</summary>
    Given,

    /// <summary>A person said no (declined, cancelled, or did not tick the box).</summary>
    Declined,

    /// <summary>Approval is needed and this client cannot be asked (no 2026-07-28 input requests, or no elicitation).</summary>
    ClientCannotAsk,
}
