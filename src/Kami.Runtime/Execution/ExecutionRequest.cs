using Kami.Core.Security;

namespace Kami.Runtime.Execution;

/// <summary>
/// One call of a tool. <see cref="ExpectedSha256"/> pins the component to the bytes approved at install
/// (null only in dev mode, <c>kami run</c>); <see cref="DataDirectory"/> is what read-only/sandbox file access sees.
/// </summary>
public sealed record ExecutionRequest(string ToolId, string WasmFile, SecurityPolicy Policy, string Input)
{
    public string? ExpectedSha256 { get; init; }
    public string? DataDirectory { get; init; }
    public IGuestLogSink? LogSink { get; init; }

    /// <summary>The installed tool's recorded signature, checked at load against <see cref="RuntimeOptions.Signatures"/>.</summary>
    public Kami.Core.Trust.ToolSignature? Signature { get; init; }
}
