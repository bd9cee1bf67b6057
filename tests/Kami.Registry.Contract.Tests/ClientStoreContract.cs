using Kami.Core.Identity;

namespace Kami.Registry.Contract.Tests;

/// <summary>Named clients as every adapter keeps them: names unique ignoring case, found by token hash, only the hash kept.</summary>
public abstract class ClientStoreContract<TAdapter> : ContractTest<TAdapter> where TAdapter : RegistryAdapter, new()
{
    private static readonly DateTimeOffset Created = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AddClient_ThenFindByNameAndTokenHash_SameClientBack()
    {
        var token = ClientToken.New();
        var client = Make("support", token, callsPerMinute: 30);

        Assert.True(Registry.AddClient(client));

        Assert.Equal(client.ToString(), Registry.FindClient("SUPPORT")?.ToString());
        Assert.Equal("support", Registry.FindClientByTokenHash(ClientToken.Hash(token))?.Name);
        Assert.Null(Registry.FindClientByTokenHash(ClientToken.Hash(ClientToken.New())));
    }

    [Fact]
    public void AddClient_NameTakenIgnoringCase_Refused()
    {
        Assert.True(Registry.AddClient(Make("support", ClientToken.New())));

        Assert.False(Registry.AddClient(Make("Support", ClientToken.New())));
        Assert.Single(Registry.ListClients());
    }

    [Fact]
    public void ReplaceClientToken_OldHashNoLongerFound()
    {
        var old = ClientToken.New();
        var fresh = ClientToken.New();
        Registry.AddClient(Make("ci", old));

        Assert.True(Registry.ReplaceClientToken("ci", ClientToken.Hash(fresh)));

        Assert.Null(Registry.FindClientByTokenHash(ClientToken.Hash(old)));
        Assert.Equal("ci", Registry.FindClientByTokenHash(ClientToken.Hash(fresh))?.Name);
    }

    [Fact]
    public void RemoveClient_GoneAndReturned()
    {
        var token = ClientToken.New();
        Registry.AddClient(Make("contractor", token));

        Assert.Equal("contractor", Registry.RemoveClient("contractor")?.Name);

        Assert.Null(Registry.FindClientByTokenHash(ClientToken.Hash(token)));
        Assert.Null(Registry.RemoveClient("contractor"));
        Assert.Empty(Registry.ListClients());
    }

    private static Client Make(string name, string token, long? callsPerMinute = null) =>
        new(name, ToolAccess.Parse("dev.kami.*,dev.acme.search"), new ClientQuota(callsPerMinute, null), ClientToken.Hash(token), Created);
}
