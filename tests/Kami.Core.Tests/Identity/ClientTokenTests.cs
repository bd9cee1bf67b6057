using Kami.Core.Identity;

namespace Kami.Core.Tests.Identity;

public sealed class ClientTokenTests
{
    [Fact]
    public void New_IsRandomPrefixedAndLongEnough()
    {
        var a = ClientToken.New();
        var b = ClientToken.New();
        Assert.NotEqual(a, b);
        Assert.StartsWith(ClientToken.Prefix, a, StringComparison.Ordinal);
        Assert.Equal(ClientToken.Prefix.Length + 64, a.Length);
    }

    [Fact]
    public void Hash_HoldsNoPartOfTheToken_AndMatchesOnlyIt()
    {
        var token = ClientToken.New();
        var hash = ClientToken.Hash(token);

        Assert.DoesNotContain(token[ClientToken.Prefix.Length..][..16], hash, StringComparison.OrdinalIgnoreCase);
        Assert.True(ClientToken.Matches(token, hash));
        Assert.False(ClientToken.Matches(token + "x", hash));
        Assert.False(ClientToken.Matches(token[..^1], hash));
        Assert.False(ClientToken.Matches(hash, hash));
        Assert.False(ClientToken.Matches("", hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256:")]
    [InlineData("sha256:00")]
    [InlineData("md5:0000000000000000000000000000000000000000000000000000000000000000")]
    public void Matches_MalformedStoredHash_NeverMatches(string stored) =>
        Assert.False(ClientToken.Matches(ClientToken.New(), stored));

    [Fact]
    public void Digest_EveryCompareIsOverFixedLength_WhateverTheTokenLength()
    {
        // Both sides of each fixed-time compare are 32-byte digests, so a token's length cannot change the compare's time.
        Assert.All(new[] { "", "a", ClientToken.New(), new string('x', 100_000) }, t => Assert.Equal(32, ClientToken.Digest(t).Length));
    }
}
