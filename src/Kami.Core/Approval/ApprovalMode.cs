namespace Kami.Core.Approval;

/// <summary>When a person must approve a call of a tool before its guest runs.</summary>
public enum ApprovalMode
{
    /// <summary>Calls run without asking.</summary>
    Never,

    /// <summary>The first call of each version of the tool by each client is approved; later calls run.</summary>
    FirstUse,

    /// <summary>Every call is approved, for its exact arguments.</summary>
    Always,
}
