namespace Kami.Core.Registry;

/// <summary>Where every tool call is recorded (the registry database in the SQLite adapter).</summary>
public interface IAuditLog
{
    void Record(CallRecord call);

    IReadOnlyList<CallRecord> Recent(int limit, string? toolId = null);
}
