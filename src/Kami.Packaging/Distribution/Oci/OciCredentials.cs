using System.Net.Http.Headers;
using System.Text;

namespace Kami.Packaging.Distribution.Oci;

/// <summary>
/// Credentials for one registry from the environment: <c>KAMI_OCI_&lt;REGISTRY&gt;_USERNAME</c> and
/// <c>KAMI_OCI_&lt;REGISTRY&gt;_PASSWORD</c>, REGISTRY being host[:port] upper-cased with every other character as
/// '_' (ghcr.io: <c>KAMI_OCI_GHCR_IO_USERNAME</c>). Named per registry so a password meant for one is never offered
/// to another that an <c>oci://</c> argument (or a registry.json) points at. KAMI_* variables never reach a tool.
/// </summary>
internal sealed class OciCredentials
{
    private readonly string _username;
    private readonly string _password;

    private OciCredentials(string username, string password)
    {
        _username = username;
        _password = password;
    }

    /// <summary>The credentials for <paramref name="registry"/>, or null when its variables are not both set.</summary>
    public static OciCredentials? For(string registry, Func<string, string?> environment)
    {
        var (user, password) = VariableNames(registry);
        return environment(user) is { Length: > 0 } u && environment(password) is { Length: > 0 } p ? new OciCredentials(u, p) : null;
    }

    /// <summary>The two variable names for <paramref name="registry"/>, for messages that say what to set.</summary>
    public static (string Username, string Password) VariableNames(string registry)
    {
        var name = new StringBuilder("KAMI_OCI_");
        foreach (var c in registry) name.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        return (name + "_USERNAME", name + "_PASSWORD");
    }

    /// <summary>The Basic authorization these credentials make.</summary>
    public AuthenticationHeaderValue Basic() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(_username + ":" + _password)));

    /// <summary>Never the secret: an exception or log line that prints this object shows the user name only.</summary>
    public override string ToString() => $"{_username}:***";
}
