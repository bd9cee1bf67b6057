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

    public const int MaxAllowedMemoryMb = 4_096;
    public const int MaxAllowedExecutionMs = 600_000;

    public static SecurityPolicy DenyAll { get; } = new();

    public IReadOnlyList<string> NetAllowList { get; init; } = [];
    public FsAccess FsAccess { get; init; } = FsAccess.None;
    public IReadOnlyList<string> EnvAllowList { get; init; } = [];
    public int MaxMemoryMb { get; init; } = DefaultMaxMemoryMb;
    public int MaxExecutionMs { get; init; } = DefaultMaxExecutionMs;
    public ulong MaxFuel { get; init; } = DefaultMaxFuel;

    public bool CanWriteFiles => FsAccess == FsAccess.Sandbox;
    public bool HasNetwork => NetAllowList.Count > 0;

    public bool Equals(SecurityPolicy? other) =>
        other is not null
        && NetAllowList.SequenceEqual(other.NetAllowList)
        && FsAccess == other.FsAccess
        && EnvAllowList.SequenceEqual(other.EnvAllowList)
        && MaxMemoryMb == other.MaxMemoryMb
        && MaxExecutionMs == other.MaxExecutionMs
        && MaxFuel == other.MaxFuel;

    public override int GetHashCode() => HashCode.Combine(FsAccess, MaxMemoryMb, MaxExecutionMs, MaxFuel, NetAllowList.Count, EnvAllowList.Count);
}
