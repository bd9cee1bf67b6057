namespace Kami.Core.Errors;

/// <summary>A sandbox limit stopped a call; names the limit and its configured value.</summary>
public sealed class LimitExceededException(ResourceLimit limit, string limitValue, string message)
    : KamiException(ErrorKind.LimitExceeded, message)
{
    /// <summary>Which limit stopped the call.</summary>
    public ResourceLimit Limit { get; } = limit;
    /// <summary>The limit as configured, for display (such as <c>64 MiB</c>, <c>5000 ms</c>, <c>1,048,576 bytes</c>); for stack depth it names which stack.</summary>
    public string LimitValue { get; } = limitValue;
}
