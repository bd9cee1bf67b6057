namespace Kami.Core.Registry;

/// <summary>How much of the audit log every adapter keeps.</summary>
public static class AuditRetention
{
    /// <summary>How many recent calls the audit log keeps by default (over the whole fleet when it is shared).</summary>
    public const int DefaultRetainedCalls = 100_000;
}
