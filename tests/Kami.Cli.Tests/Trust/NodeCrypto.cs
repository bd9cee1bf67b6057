using System.Diagnostics;

namespace Kami.Cli.Tests.Trust;

/// <summary>Node's crypto module as a second Ed25519 implementation (the Rust KAMI's dalek signs the same RFC 8032 way).</summary>
internal static class NodeCrypto
{
    private const string VerifyScript = """
        const c = require('crypto'); const [file, pub, sig] = process.argv.slice(1);
        const key = c.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(pub, 'hex').toString('base64url') }, format: 'jwk' });
        process.stdout.write(String(c.verify(null, require('fs').readFileSync(file), key, Buffer.from(sig, 'hex'))));
        """;

    // Prints "secret public signature" in hex, as the Rust KAMI keeps them: raw 32-byte keys, a raw 64-byte signature.
    private const string SignScript = """
        const c = require('crypto'); const [file] = process.argv.slice(1);
        const { privateKey, publicKey } = c.generateKeyPairSync('ed25519');
        const jwk = privateKey.export({ format: 'jwk' });
        const hex = s => Buffer.from(s, 'base64url').toString('hex');
        const sig = c.sign(null, require('fs').readFileSync(file), privateKey).toString('hex');
        process.stdout.write([hex(jwk.d), hex(jwk.x), sig].join(' '));
        """;

    public static bool Verify(string file, string publicKeyHex, string signatureHex) =>
        Run(VerifyScript, file, publicKeyHex, signatureHex) switch
        {
            "true" => true,
            "false" => false,
            var other => throw new InvalidOperationException("node printed: " + other),
        };

    public static (string Secret, string Public, string Signature) Sign(string file)
    {
        var parts = Run(SignScript, file).Split(' ');
        return (parts[0], parts[1], parts[2]);
    }

    private static string Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"node failed ({process.ExitCode}): {error}");
        return output.Trim();
    }
}
