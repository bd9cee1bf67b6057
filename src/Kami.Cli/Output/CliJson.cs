using System.Text.Json.Serialization;

namespace Kami.Cli.Output;

internal sealed record ToolSummaryJson(string Id, string Name, string Version, bool Enabled, string Description);

internal sealed record ArgumentJson(string Name, string Type, string Description, bool Required);

// net_allow_list is what the tool may reach: its declared list, narrowed by the operator's [net_allow_list] if any;
// declared_net_allow_list (the manifest's) and ignored_operator_entries (what config listed but the tool does not) are
// null unless the operator narrowed the tool.
internal sealed record PolicyJson(IReadOnlyList<string> NetAllowList, string FsAccess, IReadOnlyList<string> EnvAllowList,
    int MaxMemoryMb, int MaxExecutionMs, ulong MaxFuel, IReadOnlyList<string>? DeclaredNetAllowList = null, IReadOnlyList<string>? IgnoredOperatorEntries = null);

internal sealed record ToolDetailsJson(string Id, string Name, string Version, bool Enabled, string Description,
    IReadOnlyList<ArgumentJson> Arguments, PolicyJson Policy, string WasmSha256, string InstallPath, string WasmFile,
    string DataDirectory, DateTimeOffset InstalledAt, string Source, string? SignerPublicKey, bool Pinned, string? PreviousVersion, IReadOnlyList<string>? CredentialHosts = null)
{
    /// <summary>"code-and-manifest", "code-only", or null when unsigned.</summary>
    public string? SignatureCovers { get; init; }
}

internal sealed record ProblemJson(string Severity, string File, int? Line, string? Field, string Message);

internal sealed record ValidateJson(bool Valid, string? Id, string? Version, IReadOnlyList<ProblemJson> Problems,
    IReadOnlyList<string> Notes, IReadOnlyList<string> Imports);

internal sealed record InstallJson(string Id, string Version, string WasmSha256, string InstallPath, string? Replaced, IReadOnlyList<string> Notes,
    CapabilitiesJson Capabilities, string Source, string? SignerPublicKey)
{
    /// <summary>"code-and-manifest", "code-only", or null when unsigned.</summary>
    public string? SignatureCovers { get; init; }
}

internal sealed record SignJson(string Id, string Version, string WasmSha256, string Signature, string SignerPublicKey, bool Written)
{
    public string? ManifestSha256 { get; init; }
    public string? ManifestSignature { get; init; }
}

internal sealed record PublishJson(string Id, string Version, string Reference, string Digest, string Pinned, string WasmSha256, string SignerPublicKey);

internal sealed record VerifyJson(string Id, bool Ok, bool PinOk, bool? SignatureOk, string? SignerPublicKey, bool SignerTrusted, string Message)
{
    /// <summary>"code-and-manifest", "code-only", or null when there is no signature.</summary>
    public string? SignatureCovers { get; init; }
    public bool? ManifestSignatureOk { get; init; }
}

internal sealed record SignerJson(string PublicKey, string Name, DateTimeOffset AddedAt);

internal sealed record SearchResultJson(string Id, string? Name, string Version, string? Description, string? Source, bool Signed, string? SignerPublicKey);

internal sealed record UpdateJson(string Id, string From, string? To, string Outcome, IReadOnlyList<string> Added, IReadOnlyList<string> Removed);

internal sealed record CapabilitiesJson(string Files, string? DataDirectory, IReadOnlyList<string> Env, IReadOnlyList<string> EnvWithheld,
    IReadOnlyList<string> Hosts, IReadOnlyList<RaisedLimitJson> Limits, bool GrantsNothing);

internal sealed record RaisedLimitJson(string Name, ulong Value, ulong Default);

internal sealed record SettingJson(string Key, string? Value, string Source);

internal sealed record StatusJson(string KamiVersion, string WasmtimeVersion, string Home, string Database, int SchemaVersion,
    int Tools, int Enabled, IReadOnlyList<SettingJson> Settings, int RecentCalls, IReadOnlyList<string> Warnings);

internal sealed record ExecJson(bool Ok, string? Output, string? Error, string? ErrorKind, double DurationMs, ulong FuelUsed,
    long MemoryLimitBytes, int HttpRequests = 0, long HttpBytesSent = 0, long HttpBytesReceived = 0);

internal sealed record CallJson(string Tool, DateTimeOffset StartedAt, double DurationMs, string Outcome, ulong FuelUsed, string? Error,
    string? Arguments, string Transport, CallHttpJson? Http = null, string? Caller = null)
{
    /// <summary>The fleet replica that served the call; absent in a single machine's log.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Replica { get; init; }
}

/// <summary>A call's outbound HTTP in <c>kami logs --json</c>: totals, then each request's hops.</summary>
internal sealed record CallHttpJson(int Requests, long BytesSent, long BytesReceived, IReadOnlyList<HttpRequestJson> Entries);

internal sealed record HttpRequestJson(IReadOnlyList<HttpHopJson> Hops);

internal sealed record HttpHopJson(string Method, string Host, bool Contacted, int? Status, string? Error, long BytesSent, long BytesReceived);

internal sealed record ErrorJson(string Error, string Kind);

/// <summary>One chain in <c>kami logs --verify --json</c>.</summary>
internal sealed record ChainVerdictJson(string Chain, bool Ok, long Checked, long Unchained, ChainBreakJson? Break);

/// <summary>Where and how a chain is broken: kind is <c>edited</c>, <c>missing</c> or <c>out of order</c>.</summary>
internal sealed record ChainBreakJson(long? RecordId, long? Sequence, string Kind, string Detail);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(List<ToolSummaryJson>))]
[JsonSerializable(typeof(ToolDetailsJson))]
[JsonSerializable(typeof(ValidateJson))]
[JsonSerializable(typeof(InstallJson))]
[JsonSerializable(typeof(StatusJson))]
[JsonSerializable(typeof(ExecJson))]
[JsonSerializable(typeof(List<CallJson>))]
[JsonSerializable(typeof(ErrorJson))]
[JsonSerializable(typeof(List<ChainVerdictJson>))]
[JsonSerializable(typeof(SignJson))]
[JsonSerializable(typeof(PublishJson))]
[JsonSerializable(typeof(VerifyJson))]
[JsonSerializable(typeof(List<SignerJson>))]
[JsonSerializable(typeof(List<ClientJson>))]
[JsonSerializable(typeof(ClientJson))]
[JsonSerializable(typeof(List<SearchResultJson>))]
[JsonSerializable(typeof(List<UpdateJson>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

internal sealed partial class CliJsonContext
{
    /// <summary>Like <see cref="Default"/> but leaves quotes and non-ASCII text readable ("{"echo":"hi"}", not \u0022).</summary>
    public static CliJsonContext Relaxed { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
