using System.Globalization;
using System.Text;
using System.Text.Json;
using Kami.Core.Security;
using Kami.Runtime.Contracts;
using Kami.Runtime.Tests.Infrastructure;
using Kami.TestCommon;

namespace Kami.Runtime.Tests.Http;

/// <summary>
/// Response bodies reach the guest byte for byte, in both cases of the WIT body (the http_digest guest answers the
/// FNV-1a digest of what it got): every byte value, in any order, as <c>bytes</c>; multi-byte UTF-8 as <c>text</c>.
/// </summary>
public sealed class BodyIntegrityTests(HttpRuntimeFixture fixture) : IClassFixture<HttpRuntimeFixture>
{
    private static uint Fnv(byte[] data)
    {
        var hash = 2166136261u;
        foreach (var b in data) hash = (hash ^ b) * 16777619u;
        return hash;
    }

    private async Task<string> DigestAsync(byte[] body)
    {
        using var server = new LoopbackHttpServer(c => c.Response.OutputStream.WriteAsync(body).AsTask());
        var input = JsonSerializer.Serialize(new Dictionary<string, string> { ["url"] = $"http://localhost:{server.Port}/body" }, HttpTestJson.Default.DictionaryStringString);
        var request = new ExecutionRequest("test.http-digest", RepoPaths.Fixture("http_digest.wasm"),
            SecurityPolicy.DenyAll with { NetAllowList = ["localhost"], MaxExecutionMs = 30_000 }, input);
        return Expect.Success(await fixture.Loopback.ExecuteAsync(request));
    }

    [Fact]
    public async Task Fetch_BinaryBodyOfEveryByteValue_ArrivesIntactAsBytes()
    {
        var body = new byte[300_000];
        new Random(14).NextBytes(body);
        for (var i = 0; i < 256; i++) body[i] = (byte)i; // every value at least once, 0xFF..0x80 make it non-UTF-8

        var output = await DigestAsync(body);

        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"status=200 kind=bytes len={body.Length} fnv={Fnv(body):x8}"), output);
    }

    [Fact]
    public async Task Fetch_MultiByteUtf8Body_ArrivesIntactAsText()
    {
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Zoë ☃ 𝄞 日本語 ", 5_000)));

        var output = await DigestAsync(body);

        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"status=200 kind=text len={body.Length} fnv={Fnv(body):x8}"), output);
    }
}
