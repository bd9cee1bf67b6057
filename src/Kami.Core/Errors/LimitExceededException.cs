namespace Kami.Core.Errors;

/// <summary>A sandbox limit stopped a call; names the limit and its configured value.</summary>
public sealed class LimitExceededException(ResourceLimit limit, string limitValue, string message)
    : KamiException(ErrorKind.LimitExceeded, message)
{
    public ResourceLimit Limit { get; } = limit;
    public string LimitValue { get; } = limitValue;
}
