namespace Kami.Core.Errors;

/// <summary>Facts about an <see cref="ErrorKind"/> that more than one layer decides on; each is stated once, here.</summary>
public static class ErrorKinds
{
    /// <summary>Caused by the user or the tool, as opposed to a bug in KAMI or a broken host (exit code 1 rather than 2).</summary>
    public static bool IsUserError(this ErrorKind kind) => kind is not (ErrorKind.Internal or ErrorKind.RegistryUnavailable);
}
