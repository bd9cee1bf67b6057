using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>kami init / build / test: the errors an author meets, each in plain words. C builds take well under a second.</summary>
public sealed class AuthoringTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Dir(string name) => Path.Combine(_cli.Scratch, name);

    private async Task<string> InitAsync(string lang, string name = "tool1")
    {
        (await _cli.RunAsync("init", name, "--lang", lang, "--dir", Dir(name))).Ok();
        return Dir(name);
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("9lives")]
    [InlineData("../escape")]
    [InlineData("a.b")]
    public async Task Init_InvalidName_IsClearErrorAndWritesNothing(string name)
    {
        var result = (await _cli.RunAsync("init", name, "--lang", "c", "--dir", Dir("out"))).UserError();
        Assert.Contains("is not a valid tool name", result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Dir("out")));
    }

    [Fact]
    public async Task Init_ExistingDirectory_IsClearErrorAndLeavesItAlone()
    {
        var dir = Directory.CreateDirectory(Dir("mine")).FullName;
        File.WriteAllText(Path.Combine(dir, "tool.c"), "precious");

        var result = (await _cli.RunAsync("init", "mine", "--lang", "c", "--dir", dir)).UserError();

        Assert.Contains("already exists", result.Err, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(dir, "tool.c")));
        Assert.Single(Directory.GetFiles(dir));
    }

    [Fact]
    public async Task Init_UnknownLanguage_ListsTheKnownOnes()
    {
        var result = (await _cli.RunAsync("init", "x", "--lang", "rust", "--dir", Dir("x"))).UserError();
        Assert.Contains("--lang rust is not one of c, js, ts", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("c", "tool.c")]
    [InlineData("js", "tool.js")]
    [InlineData("ts", "tool.ts")]
    public async Task Init_Template_WritesPackageWithIdFilledIn(string lang, string source)
    {
        var dir = await InitAsync(lang, "greeter");
        foreach (var file in new[] { "tool.toml", source, "test/cases.json", "README.md", ".gitignore" })
            Assert.True(File.Exists(Path.Combine(dir, file)), file);
        Assert.Contains("id = \"local.greeter\"", File.ReadAllText(Path.Combine(dir, "tool.toml")), StringComparison.Ordinal);
        Assert.Contains("local.greeter", File.ReadAllText(Path.Combine(dir, source)), StringComparison.Ordinal);
        Assert.DoesNotContain("{{", string.Concat(Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Select(File.ReadAllText)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_CTemplate_BuildsTestsAndRuns()
    {
        var dir = await InitAsync("c");

        var build = (await _cli.RunAsync("build", dir)).Ok();
        Assert.Matches(@"built .*tool1\.wasm: [0-9.]+ KiB in [0-9.]+ s", build.Out);
        Assert.Contains("imports: kami:tool/host@0.1.0", build.Out, StringComparison.Ordinal);

        var test = (await _cli.RunAsync("test", dir)).Ok();
        Assert.Contains("4 passed, 0 failed", test.Out, StringComparison.Ordinal);

        var run = (await _cli.RunAsync("run", dir, "--input", "{\"name\":\"Ada\",\"shout\":true}")).Ok();
        Assert.Equal("{\"greeting\":\"HELLO, ADA!\"}", run.Out.Trim());
    }

    [Fact]
    public async Task Build_CSyntaxError_ReportsFileAndLine()
    {
        var dir = await InitAsync("c");
        File.AppendAllText(Path.Combine(dir, "tool.c"), "\nint broken(void) { return nope; }\n");

        var result = (await _cli.RunAsync("build", dir)).UserError();

        Assert.Matches(@"tool\.c:\d+:\d+: error: use of undeclared identifier 'nope'", result.Err);
        Assert.Contains("the build of tool.c failed with 1 error(s)", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("warning:", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_CWithoutToolExport_SaysHowToExport()
    {
        var dir = await InitAsync("c");
        File.WriteAllText(Path.Combine(dir, "tool.c"), "#include \"kami_tool.h\"\nint helper(void) { return 1; }\n");

        var result = (await _cli.RunAsync("build", dir)).UserError();

        Assert.Contains("tool.c does not export kami:tool/tool@0.1.0 function run", result.Err, StringComparison.Ordinal);
        Assert.Contains("KAMI_TOOL(handler, describe_json)", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("wasm-tools.js", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_CForbiddenImport_NamesTheImport()
    {
        var dir = await InitAsync("c");
        File.WriteAllText(Path.Combine(dir, "tool.c"), """
            #include "kami_tool.h"
            __attribute__((import_module("wasi:http/outgoing-handler@0.2.0"), import_name("handle")))
            int http_handle(int);
            static void run(const char *in, size_t n, kami_output *out) { (void)in; (void)n; http_handle(1); kami_ok(out, "{}"); }
            KAMI_TOOL(run, "{}")
            """);

        var result = (await _cli.RunAsync("build", dir)).UserError();

        Assert.Contains("tool.c imports wasi:http/outgoing-handler@0.2.0, which the kami:tool world does not provide", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_JsSyntaxError_ReportsFileAndLine()
    {
        var dir = await InitAsync("js");
        File.WriteAllText(Path.Combine(dir, "tool.js"), "import { defineTool } from '@kami/tool';\nexport const tool = defineTool({\n  run(args) { return args +; },\n});\n");

        var result = (await _cli.RunAsync("build", dir)).UserError();

        Assert.Contains("tool.js:3:", result.Err, StringComparison.Ordinal);
        Assert.Contains("error: Unexpected \";\"", result.Err, StringComparison.Ordinal);
        Assert.Contains("run(args) { return args +; },", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_TsTypeSyntaxError_ReportsFileAndLine()
    {
        var dir = await InitAsync("ts");
        File.WriteAllText(Path.Combine(dir, "tool.ts"), "const x: = 1;\nexport const tool = x;\n");

        var result = (await _cli.RunAsync("build", dir)).UserError();

        Assert.Contains("tool.ts:1:", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_TsTypeError_ReportsFileAndLine()
    {
        // run's arguments are typed from the argument list: name is a string, so this is a type error.
        var dir = await InitAsync("ts");
        var source = Path.Combine(dir, "tool.ts");
        File.WriteAllText(source, File.ReadAllText(source).Replace("log.debug('greeting', name);", "const n: number = name; log.debug('greeting', n);", StringComparison.Ordinal));

        var result = (await _cli.RunAsync("build", dir)).UserError();

        Assert.Matches(@"tool\.ts:\d+:\d+: error: TS2322: Type 'string' is not assignable to type 'number'", result.Err);
        Assert.Contains("the build of tool.ts failed with 1 error(s)", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_JsWithoutToolExport_SaysWhatToExport()
    {
        var dir = await InitAsync("js");
        File.WriteAllText(Path.Combine(dir, "tool.js"), "export const tol = { run() { return '{}'; } };\n");

        var result = (await _cli.RunAsync("build", dir)).UserError();

        Assert.Contains("the module must export `tool` with run and describe", result.Err, StringComparison.Ordinal);
        Assert.Contains("export const tool = defineTool(", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_JsTheComponentEngineRejects_ShowsTheEngineMessage()
    {
        // Node accepts Unicode property escapes; the engine in the component (no ICU) does not. The author
        // must see the engine's SyntaxError, not just "failed to initialize".
        var dir = await InitAsync("js");
        File.WriteAllText(Path.Combine(dir, "tool.js"),
            "import { defineTool } from '@kami/tool';\nconst letter = new RegExp('\\\\p{L}', 'u');\n"
            + "export const tool = defineTool({ name: 'local.tool1', description: '', arguments: [], run: () => letter.test('x') });\n");
        File.WriteAllText(Path.Combine(dir, "tool.toml"), File.ReadAllText(Path.Combine(dir, "tool.toml")).Split("[[mcp.arguments]]")[0]);

        var result = (await _cli.RunAsync("build", dir)).UserError();

        Assert.Contains("componentize-js could not build the component", result.Err, StringComparison.Ordinal);
        Assert.Contains("SyntaxError: invalid property name in regular expression", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_JsArgumentsDisagreeWithToml_PrintsTheArgumentsToPaste()
    {
        var dir = await InitAsync("js");
        var toml = Path.Combine(dir, "tool.toml");
        File.WriteAllText(toml, File.ReadAllText(toml).Replace("type = \"boolean\"", "type = \"string\"", StringComparison.Ordinal));

        var result = (await _cli.RunAsync("build", dir)).UserError();

        Assert.Contains("argument \"shout\" is boolean in defineTool but string in tool.toml", result.Err, StringComparison.Ordinal);
        Assert.Contains("name = \"shout\"\ntype = \"boolean\"", result.Err.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("tool.toml and the tool's defineTool disagree", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_JsImportingAFileOutsideThePackage_IsRefused()
    {
        // esbuild loads .txt and .json as data: without the fence a tool could bundle a host secret into its component.
        var secret = Path.Combine(_cli.Scratch, "secret.txt");
        File.WriteAllText(secret, "hunter2");
        var dir = await InitAsync("js");
        File.WriteAllText(Path.Combine(dir, "tool.js"), $"import secret from '{secret}';\nexport const tool = {{ run: () => secret, describe: () => '{{}}' }};\n");

        var result = (await _cli.RunAsync("build", dir)).UserError();

        Assert.Contains($"imports {secret}, which is outside the tool's directory", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "tool1.wasm")));
    }

    [Fact]
    public async Task Build_JsTopLevelCodeRunInNode_CannotReadWriteSpawnOrSeeEnvironment()
    {
        // kami build loads the tool in Node to read its definition: that is the author's code on the builder's machine.
        var canary = Path.Combine(_cli.Scratch, "canary");
        var dir = await InitAsync("js");
        File.WriteAllText(Path.Combine(dir, "tool.js"), $$"""
            const fs = await import(['node', 'fs'].join(':'));
            const cp = await import(['node', 'child_process'].join(':'));
            let r = '';
            try { r += fs.readFileSync('{{Path.Combine(dir, "tool.toml")}}', 'utf8').slice(0, 6); } catch (e) { r += 'read ' + e.code; }
            try { fs.writeFileSync('{{canary}}', 'x'); r += ' wrote'; } catch (e) { r += ' write ' + e.code; }
            try { cp.execSync('touch {{canary}}'); r += ' spawned'; } catch (e) { r += ' spawn ' + e.code; }
            r += ' env ' + Object.keys(globalThis.process.env).length;
            throw new Error(r);
            export const tool = 1;
            """);

        var result = (await _cli.RunAsync("build", dir)).UserError();

        Assert.Contains("the tool failed while loading: read ERR_ACCESS_DENIED write ERR_ACCESS_DENIED spawn ERR_ACCESS_DENIED env 0", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(canary));
    }

    [Fact]
    public async Task Build_NodeMissing_SaysHowToInstall()
    {
        var dir = await InitAsync("js");
        _cli.SearchPath = Directory.CreateDirectory(Dir("empty-path")).FullName;

        var result = (await _cli.RunAsync("build", dir)).UserError();

        Assert.Contains("node is not installed (not found on PATH): install Node.js", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_FirstUseWithoutNpm_SaysHowToInstall()
    {
        // A fresh checkout: guest/ without node_modules, and a machine with node but no npm.
        var guest = Dir("guest");
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "guest"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var target = Path.Combine(guest, Path.GetRelativePath(Path.Combine(RepoPaths.Root, "guest"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        _cli.GuestDirectory = guest;
        var dir = await InitAsync("js");
        var bin = Directory.CreateDirectory(Dir("bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "node"), Which("node"));
        _cli.SearchPath = bin;

        var result = (await _cli.RunAsync("build", dir)).UserError();

        Assert.Contains("npm is not installed (not found on PATH): install Node.js 20+ with npm", result.Err, StringComparison.Ordinal);
        Assert.Contains("guest/install-toolchain.sh", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_ClangMissing_SaysHowToInstall()
    {
        var dir = await InitAsync("c");
        // A PATH with node and bash but no clang.
        var bin = Directory.CreateDirectory(Dir("bin")).FullName;
        foreach (var program in new[] { "node", "bash" })
            File.CreateSymbolicLink(Path.Combine(bin, program), Which(program));
        _cli.SearchPath = bin;

        var result = (await _cli.RunAsync("build", dir)).UserError();

        Assert.Contains("clang is not installed (not found on PATH): run guest/install-toolchain.sh, or apt-get install clang lld wasi-libc libclang-rt-dev-wasm32", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_NoToolToml_SaysToRunInit()
    {
        var dir = Directory.CreateDirectory(Dir("empty")).FullName;
        var result = (await _cli.RunAsync("build", dir)).UserError();
        Assert.Contains("has no tool.toml", result.Err, StringComparison.Ordinal);
        Assert.Contains("kami init", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_FailingCase_ReportsWhatDifferedAndExits1()
    {
        var dir = await InitAsync("c");
        (await _cli.RunAsync("build", dir)).Ok();
        File.WriteAllText(Path.Combine(dir, "test", "cases.json"), """
            [ { "name": "wrong", "input": { "name": "Ada" }, "output": { "greeting": "Hi, Ada!" } },
              { "name": "right", "input": { "name": "Ada" }, "output": { "greeting": "Hello, Ada!" } } ]
            """);

        var result = await _cli.RunAsync("test", dir);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL wrong: expected {\"greeting\":\"Hi, Ada!\"}, got {\"greeting\":\"Hello, Ada!\"}", result.Out, StringComparison.Ordinal);
        Assert.Contains("PASS right", result.Out, StringComparison.Ordinal);
        Assert.Contains("1 passed, 1 failed", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_NotBuilt_SaysToBuildFirst()
    {
        var dir = await InitAsync("c");
        var result = (await _cli.RunAsync("test", dir)).UserError();
        Assert.Contains("is not built yet: run kami build first", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CSdk_JsonStringOfHostileBytes_IsValidJson()
    {
        // Raw control characters, quotes, backslashes, a lone continuation byte, an overlong '/', a UTF-16
        // surrogate encoded in UTF-8 and a truncated sequence: the result must still be valid JSON in valid UTF-8.
        var dir = await InitAsync("c");
        File.WriteAllText(Path.Combine(dir, "tool.c"), """
            #include "kami_tool.h"
            static void run(const char *in, size_t n, kami_output *out) {
                (void)in; (void)n;
                static const char nasty[] = "a\"b\\c\n\x01\x1f\x7f \x80 \xc0\xaf \xed\xa0\x80 z\xc3\xa9 \xe2\x82";
                kami_buf b = KAMI_BUF_INIT;
                kami_buf_raw(&b, "{\"s\":");
                kami_buf_json_string(&b, nasty, sizeof nasty - 1);
                kami_buf_raw(&b, ",\"n\":");
                kami_buf_i64(&b, -9223372036854775807LL - 1);
                kami_buf_raw(&b, "}");
                kami_ok_buf(out, &b);
            }
            KAMI_TOOL(run, "{}")
            """);
        (await _cli.RunAsync("build", dir)).Ok();

        var run = (await _cli.RunAsync("run", dir, "--input", "{\"name\":\"x\"}")).Ok();

        using var doc = System.Text.Json.JsonDocument.Parse(run.Out);
        Assert.Equal("a\"b\\c\n\u0001\u001f\u007f \uFFFD \uFFFD\uFFFD \uFFFD\uFFFD\uFFFD zé \uFFFD\uFFFD", doc.RootElement.GetProperty("s").GetString());
        Assert.Equal(long.MinValue, doc.RootElement.GetProperty("n").GetInt64());
    }

    private static string Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, program)).First(File.Exists);
}
