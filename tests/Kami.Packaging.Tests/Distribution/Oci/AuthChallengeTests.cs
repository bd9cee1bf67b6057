using System.Net.Http.Headers;
using Kami.Packaging.Distribution.Oci;

namespace Kami.Packaging.Tests.Distribution.Oci;

/// <summary>WWW-Authenticate as registries send it.</summary>
public sealed class AuthChallengeTests
{
    [Fact]
    public void From_GhcrBearerChallenge_ReadsRealmServiceAndScope()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ParseAdd("""Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:kami-dev/echo:pull" """);

        var challenge = AuthChallenge.From(response.Headers.WwwAuthenticate)!;

        Assert.True(challenge.Is("bearer"));
        Assert.Equal("https://ghcr.io/token", challenge["realm"]);
        Assert.Equal("ghcr.io", challenge["service"]);
        Assert.Equal("repository:kami-dev/echo:pull", challenge["scope"]);
    }

    [Fact]
    public void ParseParameters_QuotedCommasAndEscapes_StayInTheValue()
    {
        var p = AuthChallenge.ParseParameters("""realm="a,b \"c\"", scope=repository:x:pull,push" , service=plain""");

        Assert.Equal("a,b \"c\"", p["realm"]);
        Assert.Equal("plain", p["service"]);
    }

    [Fact]
    public void From_BasicOnly_IsBasic()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Basic", "realm=\"registry\""));

        Assert.True(AuthChallenge.From(response.Headers.WwwAuthenticate)!.Is("Basic"));
    }
}
