namespace Kami.Runtime.Contracts;

/// <summary>The WIT <c>log-level</c> enum of <c>kami:tool/host</c>, plus the guest's captured stdout/stderr.</summary>
public enum GuestLogLevel
{
    /// <summary>Finest detail, for following a tool step by step.</summary>
    Trace,
    /// <summary>Detail for a tool's author.</summary>
    Debug,
    /// <summary>Ordinary progress; also what the guest wrote to stdout.</summary>
    Info,
    /// <summary>Something looks wrong but the call goes on; also the guest's stderr, and KAMI's note of output it dropped.</summary>
    Warn,
    /// <summary>The tool reports a failure.</summary>
    Error,
}
