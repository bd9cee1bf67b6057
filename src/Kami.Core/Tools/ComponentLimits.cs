namespace Kami.Core.Tools;

/// <summary>How large a tool's component may be: checked when a package is read and again when it is loaded.</summary>
public static class ComponentLimits
{
    /// <summary>256 MiB.</summary>
    public const long MaxComponentBytes = 256L << 20;
}
