namespace Kami.Runtime.Execution;

/// <summary>The WIT <c>log-level</c> enum of <c>kami:tool/host</c>, plus the guest's captured stdout/stderr.</summary>
public enum GuestLogLevel { Trace, Debug, Info, Warn, Error }
