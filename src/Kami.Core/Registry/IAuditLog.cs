namespace Kami.Core.Registry;

/// <summary>Where every tool call is recorded (the registry database in the SQLite adapter).</summary>
public interface IAuditLog
{
    /// <summary>Records one finished call.</summary>
    void Record(CallRecord call);

    /// <summary>Records several calls at once; adapters make this one write where they can.</summary>
    void RecordAll(IReadOnlyList<CallRecord> calls)
    {
        foreach (var call in calls) Record(call);
    }

    /// <summary>
    /// True when a commit is a write to a local file (SQLite), which cannot hang on a network: a call may then commit
    /// its own record instead of handing it to a writer thread and waiting to be woken, which costs more than the commit.
    /// </summary>
    bool CommitsLocally => false;

    /// <summary>The newest calls first, at most <paramref name="limit"/>; only those of <paramref name="toolId"/> when it is given, all tools' when null.</summary>
    IReadOnlyList<CallRecord> Recent(int limit, string? toolId = null);
}
