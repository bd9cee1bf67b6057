using Kami.Core.Identity;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>Named clients in a list, as the registry keeps them (hashes only).</summary>
internal sealed class FakeClientStore : IClientStore
{
    private readonly Lock _lock = new();
    private readonly List<Client> _clients = [];

    /// <summary>Adds a client for <paramref name="tools"/> and returns its token.</summary>
    public string Add(string name, string tools, ClientQuota? quota = null)
    {
        var token = ClientToken.New();
        Assert.True(AddClient(new Client(name, ToolAccess.Parse(tools), quota ?? ClientQuota.Unlimited, ClientToken.Hash(token), DateTimeOffset.UnixEpoch)));
        return token;
    }

    public IReadOnlyList<Client> ListClients()
    {
        lock (_lock) return [.. _clients];
    }

    public Client? FindClient(string name)
    {
        lock (_lock) return _clients.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    public Client? FindClientByTokenHash(string tokenHash)
    {
        lock (_lock) return _clients.FirstOrDefault(c => c.TokenHash == tokenHash);
    }

    public bool AddClient(Client client)
    {
        lock (_lock)
        {
            if (FindClient(client.Name) is not null) return false;
            _clients.Add(client);
            return true;
        }
    }

    public Client? RemoveClient(string name)
    {
        lock (_lock)
        {
            var found = FindClient(name);
            if (found is not null) _clients.Remove(found);
            return found;
        }
    }

    public bool ReplaceClientToken(string name, string tokenHash)
    {
        lock (_lock)
        {
            var index = _clients.FindIndex(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (index < 0) return false;
            _clients[index] = _clients[index] with { TokenHash = tokenHash };
            return true;
        }
    }
}
