namespace Kami.Mcp.Input;

/// <summary>The audit log's outcomes for the rounds of a call that asks for input or approval.</summary>
internal static class InputOutcomes
{
    /// <summary>The guest ran and asked the client for input; the call goes on when the client answers.</summary>
    public const string InputRequired = "input_required";

    /// <summary>A person was asked to approve the call; no guest ran.</summary>
    public const string ApprovalAsked = "approval_asked";

    /// <summary>A person approved the call (its arguments and caller are in the record); the guest runs next.</summary>
    public const string Approved = "approved";

    /// <summary>A retry brought a requestState that is not this call's (changed, expired, used, another call's).</summary>
    public const string StateRefused = "state_refused";
}
