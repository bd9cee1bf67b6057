namespace Kami.Runtime.Tests.Infrastructure;

/// <summary>
/// Tests sharing the one runtime run one after another, so wall-clock assertions (time limits, cancellation)
/// do not compete with each other for workers.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RuntimeCollection : ICollectionFixture<RuntimeFixture>
{
    public const string Name = "runtime";
}
