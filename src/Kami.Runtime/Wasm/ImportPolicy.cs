namespace Kami.Runtime.Wasm;

/// <summary>
/// The imports KAMI links: the kami:tool host interface and WASI 0.2.x (which real guests import even when
/// they never call it). The WASI context itself denies files, network and environment unless the policy allows.
/// </summary>
internal static class ImportPolicy
{
    private static readonly string[] WasiPackages = ["wasi:io/", "wasi:clocks/", "wasi:random/", "wasi:cli/", "wasi:filesystem/", "wasi:sockets/"];

    /// <summary>Why an import is refused with a pointer to what to use instead, or null for the generic message.</summary>
    public static string? Hint(string import) =>
        import.StartsWith("wasi:http/", StringComparison.Ordinal)
            ? $"{import} is not provided because its requests cannot be checked against the tool's net_allow_list; import kami:http/outgoing@0.1.0 (wit/http.wit) for outbound HTTP"
            : null;

    public static bool IsProvided(string import)
    {
        if (import.StartsWith("kami:tool/host@0.1.", StringComparison.Ordinal)) return true;
        if (import.StartsWith("kami:http/outgoing@0.1.", StringComparison.Ordinal)) return true;
        var at = import.IndexOf('@');
        if (at < 0) return false;
        var package = import[..at];
        var version = import[(at + 1)..];
        return version.StartsWith("0.2.", StringComparison.Ordinal) && WasiPackages.Any(p => package.StartsWith(p, StringComparison.Ordinal));
    }
}
