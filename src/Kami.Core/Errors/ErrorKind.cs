namespace Kami.Core.Errors;

/// <summary>What went wrong, in terms a caller can act on (CLI exit codes and MCP results map from it).</summary>
public enum ErrorKind
{
    InvalidInput,
    ManifestInvalid,
    PackageInvalid,
    ToolNotFound,
    ToolDisabled,
    ToolAlreadyInstalled,
    IntegrityMismatch,
    SignatureInvalid,
    SignatureRequired,
    DownloadFailed,
    ComponentInvalid,
    LimitExceeded,
    GuestTrapped,
    GuestFailed,
    Busy,
    Cancelled,
    RegistryUnavailable,
    Internal,
}
