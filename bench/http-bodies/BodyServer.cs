using System.Net;

namespace Kami.Bench.HttpBodies;

/// <summary>
/// The loopback server the guest fetches from, run in its own process (<c>serve</c> mode) so the harness's allocation
/// figures are kami's alone. <c>/text/N</c> answers N bytes of ASCII, <c>/bytes/N</c> N bytes of 0xFF (never UTF-8).
/// </summary>
internal static class BodyServer
{
    public static async Task<int> RunAsync()
    {
        using var listener = new HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        Console.WriteLine(port);
        Console.Out.Flush();
        var stop = Task.Run(() => Console.In.ReadToEnd()); // the harness closes stdin when it is done
        var bodies = new Dictionary<string, byte[]>();
        while (!stop.IsCompleted)
        {
            var next = listener.GetContextAsync();
            if (await Task.WhenAny(next, stop) == stop) break;
            var context = await next;
            var parts = context.Request.Url!.AbsolutePath.Trim('/').Split('/');
            var key = context.Request.Url.AbsolutePath;
            if (!bodies.TryGetValue(key, out var body))
            {
                body = new byte[int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)];
                Array.Fill(body, parts[0] == "text" ? (byte)'a' : (byte)0xff);
                bodies[key] = body;
            }
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
        return 0;
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
