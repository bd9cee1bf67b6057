namespace Kami.Core.Security;

/// <summary>
/// What a tool may do. The default is deny-all: no network, no files, no environment, and limits that
/// let ordinary C, Rust and JavaScript tools run while stopping a runaway one.
/// </summary>
public sealed record SecurityPolicy
{
    /// <summary>64 MiB, as in the Rust KAMI: enough for a JavaScript (StarlingMonkey) guest.</summary>
    public const int DefaultMaxMemoryMb = 64;

    /// <summary>5 s wall clock, as in the Rust KAMI.</summary>
    public const int DefaultMaxExecutionMs = 5_000;

    /// <summary>
    /// 500 million fuel (about a second of straight-line guest code on these machines). The Rust default of
    /// 1 million fails every JavaScript tool (a trivial JS call spends ~1.2 million) and some Rust ones
    /// (regex-extract ~1.4 million); the wall-clock limit still bounds a runaway tool.
    /// </summary>
    public const ulong DefaultMaxFuel = 500_000_000;

    /// <summary>The most memory a manifest may ask for (4 GiB); the runtime's memory pool is sized for it.</summary>
    public const int MaxAllowedMemoryMb = 4_096;
    /// <summary>The longest wall-clock limit a manifest may ask for (10 minutes).</summary>
    public const int MaxAllowedExecutionMs = 600_000;

    /// <summary>The default policy: nothing granted, default limits.</summary>
    public static SecurityPolicy DenyAll { get; } = new();

    /// <summary>Hosts (exact, or <c>*.</c> suffix wildcards, lowercase) the tool names in <c>net_allow_list</c>; the only hosts it may reach over kami:http/outgoing (see <see cref="Network.HostAllowList"/>).</summary>
    public IReadOnlyList<string> NetAllowList { get; init; } = [];
    /// <summary>How much of its data directory the tool may see.</summary>
    public FsAccess FsAccess { get; init; } = FsAccess.None;
    /// <summary>Host environment variables the tool may read, less those <see cref="EnvDenyList"/> withholds.</summary>
    public IReadOnlyList<string> EnvAllowList { get; init; } = [];
    /// <summary>Largest linear memory in MiB, 1 to <see cref="MaxAllowedMemoryMb"/>.</summary>
    public int MaxMemoryMb { get; init; } = DefaultMaxMemoryMb;
    /// <summary>Wall-clock limit per call in milliseconds, 1 to <see cref="MaxAllowedExecutionMs"/>.</summary>
    public int MaxExecutionMs { get; init; } = DefaultMaxExecutionMs;
    /// <summary>Fuel budget per call (Wasmtime fuel, about one unit per instruction).</summary>
    public ulong MaxFuel { get; init; } = DefaultMaxFuel;

    /// <summary>Whether the tool may write to its data directory (<see cref="FsAccess.Sandbox"/>).</summary>
    public bool CanWriteFiles => FsAccess == FsAccess.Sandbox;
    /// <summary>Whether the policy names any host the tool may reach over kami:http/outgoing.</summary>
    public bool HasNetwork => NetAllowList.Count > 0;

    /// <summary>Same grants and limits; lists compare in order.</summary>
    public bool Equals(SecurityPolicy? other) =>
        other is not null
        && NetAllowList.SequenceEqual(other.NetAllowList)
        && FsAccess == other.FsAccess
        && EnvAllowList.SequenceEqual(other.EnvAllowList)
        && MaxMemoryMb == other.MaxMemoryMb
        && MaxExecutionMs == other.MaxExecutionMs
        && MaxFuel == other.MaxFuel;

    /// <summary>Consistent with <see cref="Equals(SecurityPolicy)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(FsAccess, MaxMemoryMb, MaxExecutionMs, MaxFuel, NetAllowList.Count, EnvAllowList.Count);
}
