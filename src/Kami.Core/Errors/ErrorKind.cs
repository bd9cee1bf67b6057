namespace Kami.Core.Errors;

/// <summary>What went wrong, in terms a caller can act on (CLI exit codes and MCP results map from it).</summary>
public enum ErrorKind
{
    /// <summary>A bad argument, option, setting, id, version or path the caller gave; the message says which and how to fix it.</summary>
    InvalidInput,
    /// <summary>The package's <c>tool.toml</c> has errors (<see cref="ManifestInvalidException"/> carries every one).</summary>
    ManifestInvalid,
    /// <summary>The package itself is unusable: not a valid zip, an unsafe or oversized entry, or it changed while being installed.</summary>
    PackageInvalid,
    /// <summary>No tool with that id is installed, or its component file is missing or unreadable (re-install it).</summary>
    ToolNotFound,
    /// <summary>The tool is installed but disabled; <c>kami enable</c> turns it back on.</summary>
    ToolDisabled,
    /// <summary>Install refused: the same or a newer version is installed (and the install was not forced), or the served name collides with another tool's.</summary>
    ToolAlreadyInstalled,
    /// <summary>The component's bytes no longer match the SHA-256 recorded at install: it was changed on disk.</summary>
    IntegrityMismatch,
    /// <summary>A signature does not verify against the component's bytes and its signer key: the package was altered or mis-signed.</summary>
    SignatureInvalid,
    /// <summary><c>require_signature</c> is on and the tool is unsigned or signed by a key not in <c>kami trust list</c>.</summary>
    SignatureRequired,
    /// <summary>A package or index could not be downloaded: unreachable, an HTTP error, too large, truncated or too slow.</summary>
    DownloadFailed,
    /// <summary>The component cannot be run: too large, not a valid component, or it lacks the <c>run</c> export or its result.</summary>
    ComponentInvalid,
    /// <summary>A sandbox limit stopped the call (<see cref="ExecutionError.Limit"/> names which).</summary>
    LimitExceeded,
    /// <summary>The tool's code trapped (unreachable, out-of-bounds access and the like): a bug in the tool.</summary>
    GuestTrapped,
    /// <summary>The tool ran but failed: it returned an error or a malformed result, or tried something KAMI refuses (such as a host wait).</summary>
    GuestFailed,
    /// <summary>Every worker is busy and the wait queue is full; the call was not started and may be retried shortly.</summary>
    Busy,
    /// <summary>The call was cancelled, by its caller or by the server shutting down, before it finished.</summary>
    Cancelled,
    /// <summary>The registry database cannot be opened or used: a broken environment, not the user's input.</summary>
    RegistryUnavailable,
    /// <summary>A bug in KAMI; the details go to the log, not to the caller.</summary>
    Internal,
    /// <summary>The caller has used up a quota (calls per minute, fuel per day); the message says which and when it resets.</summary>
    QuotaExceeded,

    /// <summary>The call needs a person's approval and did not get it (declined, or the client cannot be asked); no guest ran.</summary>
    NotApproved,
}
