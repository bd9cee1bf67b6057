namespace Kami.Packaging.Tests.Manifest;

/// <summary>Manifest texts shared by the parser tests; line numbers in the tests depend on this layout.</summary>
internal static class Toml
{
    // Line 1 [tool], 2 id, 3 name, 4 version, 5 wasm, 6 blank, 7 [mcp], 8 description; text appended starts on line 9.
    public const string Minimal = """
        [tool]
        id = "dev.kami.echo"
        name = "echo"
        version = "1.0.0"
        wasm = "echo.wasm"

        [mcp]
        description = "Echoes"

        """;
}
