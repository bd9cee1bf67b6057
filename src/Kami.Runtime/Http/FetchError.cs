namespace Kami.Runtime.Http;

/// <summary>Why a fetch gave no response; <see cref="Message"/> is shown to the tool, so it never holds a secret.</summary>
internal sealed record FetchError(FetchErrorKind Kind, string Message);
