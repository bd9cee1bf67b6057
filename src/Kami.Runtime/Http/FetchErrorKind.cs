namespace Kami.Runtime.Http;

/// <summary>The cases of the <c>error</c> variant of kami:http/outgoing, in its order.</summary>
internal enum FetchErrorKind
{
    Denied,
    Unreachable,
    Timeout,
    TooLarge,
    Invalid,
}
