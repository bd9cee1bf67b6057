using Kami.Core.Trust;

namespace Kami.Core.Registry;

/// <summary>One registry adapter's three faces (tools, their history, trusted signers), as the CLI opens it.</summary>
public interface IRegistryStore : IToolRegistry, IToolHistory, ITrustStore;
