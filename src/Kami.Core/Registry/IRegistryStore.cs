using Kami.Core.Trust;

namespace Kami.Core.Registry;

/// <summary>One registry adapter's faces (tools, their history, trusted signers, named clients), as the CLI opens it.</summary>
public interface IRegistryStore : IToolRegistry, IToolHistory, ITrustStore, Identity.IClientStore;
