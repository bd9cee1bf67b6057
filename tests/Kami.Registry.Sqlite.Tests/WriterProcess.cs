namespace Kami.Registry.Sqlite.Tests;

/// <summary>
/// The entry point of this assembly when a test starts it as a second OS process
/// (<c>dotnet Kami.Registry.Sqlite.Tests.dll write &lt;db&gt; &lt;prefix&gt; &lt;count&gt;</c>): it upserts
/// <c>count</c> tools named <c>&lt;prefix&gt;.tN</c>, each in its own transaction, then stays alive until the
/// parent creates <c>&lt;db&gt;.release</c>, so the parent can see the child's rows while the child still runs.
/// </summary>
public static class WriterProcess
{
    public static int Main(string[] args)
    {
        if (args is not ["write", var db, var prefix, var countText]) return 64;
        var registry = new SqliteToolRegistry(db);
        for (var i = 0; i < int.Parse(countText, System.Globalization.CultureInfo.InvariantCulture); i++)
        {
            registry.Upsert(Tools.Make($"{prefix}.t{i}"));
            if (i % 10 == 0) registry.SetEnabled(Kami.Core.Tools.ToolId.Parse($"{prefix}.t{i}"), false);
            // A pause between writes, like a real second process doing other work: without it, a tight loop can finish
            // all its writes while the other process sleeps in SQLite's busy handler, and nothing interleaves.
            Thread.Sleep(1);
        }
        var release = db + ".release";
        for (var waited = 0; !File.Exists(release) && waited < 30_000; waited += 10) Thread.Sleep(10);
        return File.Exists(release) ? 0 : 65;
    }
}
