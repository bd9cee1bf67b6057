using Kami.Core.Security;

namespace Kami.Core.Approval;

/// <summary>
/// The operator's <c>[approval]</c> table: a mode per tool id, and a default for the rest, which may depend on what a
/// tool is granted (<c>when-granted</c>: files, network or environment variables). Deny-nothing by default, so a
/// server without the table behaves as before.
/// </summary>
public sealed class ApprovalPolicy(IReadOnlyDictionary<string, ApprovalMode> tools, ApprovalMode? defaultMode, bool defaultWhenGranted)
{
    /// <summary>The key in <c>[approval]</c> that sets the mode of every tool not named there.</summary>
    public const string DefaultKey = "default";

    /// <summary>The default that asks about every call of a tool granted files, network or environment.</summary>
    public const string WhenGranted = "when-granted";

    /// <summary>No approval for any call: a server without an <c>[approval]</c> table.</summary>
    public static ApprovalPolicy None { get; } = new(new Dictionary<string, ApprovalMode>(), ApprovalMode.Never, false);

    /// <summary>The mode for <paramref name="toolId"/>, whose manifest grants <paramref name="policy"/>.</summary>
    public ApprovalMode For(string toolId, SecurityPolicy policy)
    {
        if (tools.TryGetValue(toolId, out var mode)) return mode;
        if (defaultWhenGranted) return Grants(policy) ? ApprovalMode.Always : ApprovalMode.Never;
        return defaultMode ?? ApprovalMode.Never;
    }

    /// <summary>True when any tool can need approval (so a server without it skips the work).</summary>
    public bool Any => defaultWhenGranted || defaultMode is not (null or ApprovalMode.Never) || tools.Values.Any(m => m != ApprovalMode.Never);

    /// <summary>Files, network or environment: what <c>when-granted</c> asks a person about (credentials ride on the network).</summary>
    public static bool Grants(SecurityPolicy policy) =>
        policy.FsAccess != FsAccess.None || policy.NetAllowList.Count > 0 || policy.EnvAllowList.Count > 0;

    /// <summary>Reads a mode as config.toml spells it; null for anything else.</summary>
    public static ApprovalMode? ParseMode(string text) => text switch
    {
        "always" => ApprovalMode.Always,
        "first-use" => ApprovalMode.FirstUse,
        "never" => ApprovalMode.Never,
        _ => null,
    };
}
