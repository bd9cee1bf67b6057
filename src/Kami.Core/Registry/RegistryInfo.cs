namespace Kami.Core.Registry;

public sealed record RegistryInfo(string Location, int SchemaVersion, int ToolCount, int EnabledCount);
