namespace Kami.Core.Identity;

/// <summary>
/// The named clients, kept in the registry so every process and replica sees one list. Only token hashes are stored.
/// A change takes effect on the next request: servers look a token up on every request, so a removed or rotated-away
/// token stops working at once.
/// </summary>
public interface IClientStore
{
    /// <summary>Every client, sorted by name.</summary>
    IReadOnlyList<Client> ListClients();

    /// <summary>The client with this name (ignoring case), or null.</summary>
    Client? FindClient(string name);

    /// <summary>The client whose token has this stored hash (<see cref="ClientToken.Hash"/>), or null.</summary>
    Client? FindClientByTokenHash(string tokenHash);

    /// <summary>Adds a client; false when one with the name (ignoring case) exists.</summary>
    bool AddClient(Client client);

    /// <summary>Removes a client; returns what was removed, or null when there was none.</summary>
    Client? RemoveClient(string name);

    /// <summary>Replaces a client's token hash (the old token stops working); false when there is no such client.</summary>
    bool ReplaceClientToken(string name, string tokenHash);
}
