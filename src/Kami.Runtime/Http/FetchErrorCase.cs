namespace Kami.Runtime.Http;

/// <summary>The name of each <see cref="FetchErrorKind"/> as the WIT <c>error</c> variant spells its case.</summary>
internal static class FetchErrorCase
{
    public static string Name(FetchErrorKind kind) => kind switch
    {
        FetchErrorKind.Denied => "denied",
        FetchErrorKind.Unreachable => "unreachable",
        FetchErrorKind.Timeout => "timeout",
        FetchErrorKind.TooLarge => "too-large",
        _ => "invalid",
    };
}
