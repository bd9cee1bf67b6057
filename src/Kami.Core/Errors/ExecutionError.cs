namespace Kami.Core.Errors;

/// <summary>
/// Why a tool call failed, as a value: what kind of failure, which sandbox limit and its configured value when a
/// limit stopped the call, and a message safe to show the client. Made once where the failure is understood (the
/// runtime) and read as is by every layer after it (MCP result, audit record, log event, exit code), so the error
/// keeps one shape from the guest to the caller.
/// </summary>
public sealed record ExecutionError
{
    private ExecutionError(ErrorKind kind, string message, ResourceLimit? limit, string? limitValue)
    {
        Kind = kind;
        Message = message;
        Limit = limit;
        LimitValue = limitValue;
    }

    /// <summary>What went wrong, for callers that map errors to exit codes or MCP results.</summary>
    public ErrorKind Kind { get; }

    /// <summary>Written for the person or model that reads it; never carries host paths or secrets.</summary>
    public string Message { get; }

    /// <summary>The sandbox limit that stopped the call; set exactly when <see cref="Kind"/> is <see cref="ErrorKind.LimitExceeded"/>.</summary>
    public ResourceLimit? Limit { get; }

    /// <summary>The limit as configured, for display (such as <c>64 MiB</c>, <c>5000 ms</c>, <c>1,048,576 bytes</c>); for stack depth it names which stack.</summary>
    public string? LimitValue { get; }

    /// <summary>A failure that is not a limit; <paramref name="message"/> is shown as is, so write it for the reader.</summary>
    public static ExecutionError Of(ErrorKind kind, string message)
    {
        // A limit error without its limit would reach the log and the client unable to say which one.
        if (kind == ErrorKind.LimitExceeded) throw new ArgumentException("a limit error names its limit: use LimitExceeded", nameof(kind));
        return new(kind, message, null, null);
    }

    /// <summary>A sandbox limit stopped the call: which one, its configured value for display, and the message.</summary>
    public static ExecutionError LimitExceeded(ResourceLimit limit, string limitValue, string message) =>
        new(ErrorKind.LimitExceeded, message, limit, limitValue);

    /// <summary>An error KAMI threw on purpose (loader, scheduler, host functions), as the value a call reports.</summary>
    public static ExecutionError From(KamiException e) => new(e.Kind, e.Message, null, null);

    /// <summary>Errors caused by the user or the tool, as opposed to a bug or a broken host (the same rule as <see cref="KamiException.IsUserError"/>).</summary>
    public bool IsUserError => Kind.IsUserError();
}
