namespace Kami.Core.Registry;

/// <summary>A registry at a glance, as <see cref="IToolRegistry.Describe"/> reports it.</summary>
/// <param name="Location">Where the registry is kept (the database file for SQLite).</param>
/// <param name="SchemaVersion">The version of the registry's storage schema, for diagnosing upgrades.</param>
/// <param name="ToolCount">How many tools are installed, enabled or not.</param>
/// <param name="EnabledCount">How many of them are enabled (served and runnable).</param>
public sealed record RegistryInfo(string Location, int SchemaVersion, int ToolCount, int EnabledCount);
