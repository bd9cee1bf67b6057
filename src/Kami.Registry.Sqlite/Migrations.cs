namespace Kami.Registry.Sqlite;

/// <summary>
/// The schema's history, oldest first; <c>PRAGMA user_version</c> records how many have run. Never edit a
/// shipped step: add a new one, so every older database upgrades the same way.
/// </summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<string> Steps =
    [
        // 1: the tools table.
        """
        CREATE TABLE tools (
            id            TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            name          TEXT NOT NULL,
            version       TEXT NOT NULL,
            description   TEXT NOT NULL,
            manifest_json TEXT NOT NULL,
            wasm_sha256   TEXT NOT NULL,
            install_path  TEXT NOT NULL,
            enabled       INTEGER NOT NULL DEFAULT 1,
            installed_at  TEXT NOT NULL,
            source        TEXT NOT NULL
        );
        """,
        // 2: signatures (trust layer), a change counter for live reload, and the call audit log.
        """
        ALTER TABLE tools ADD COLUMN signature TEXT;
        ALTER TABLE tools ADD COLUMN signer_public_key TEXT;
        CREATE TABLE meta (key TEXT NOT NULL PRIMARY KEY, value INTEGER NOT NULL);
        INSERT INTO meta (key, value) VALUES ('tools_revision', 1);
        CREATE TABLE calls (
            seq          INTEGER PRIMARY KEY AUTOINCREMENT,
            tool_id      TEXT NOT NULL,
            started_at   TEXT NOT NULL,
            duration_ms  REAL NOT NULL,
            outcome      TEXT NOT NULL,
            fuel_used    INTEGER NOT NULL,
            error        TEXT,
            arguments    TEXT,
            transport    TEXT NOT NULL
        );
        CREATE INDEX calls_by_tool ON calls (tool_id, seq);
        """,
        // 3: trust and distribution: pins, the version before the last install (for rollback), trusted signers.
        """
        ALTER TABLE tools ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE previous_tools (
            id                TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            name              TEXT NOT NULL,
            version           TEXT NOT NULL,
            description       TEXT NOT NULL,
            manifest_json     TEXT NOT NULL,
            wasm_sha256       TEXT NOT NULL,
            install_path      TEXT NOT NULL,
            enabled           INTEGER NOT NULL DEFAULT 1,
            installed_at      TEXT NOT NULL,
            source            TEXT NOT NULL,
            signature         TEXT,
            signer_public_key TEXT,
            pinned            INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE trusted_signers (
            public_key TEXT NOT NULL PRIMARY KEY,
            name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
            added_at   TEXT NOT NULL
        );
        """,
        // 4: each call's outbound HTTP: totals (over every request) and the bounded per-request hops as JSON.
        """
        ALTER TABLE calls ADD COLUMN http_requests INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE calls ADD COLUMN http_bytes_sent INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE calls ADD COLUMN http_bytes_received INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE calls ADD COLUMN http TEXT;
        """,
        // 5: KAMI's manifest signature (over the manifest statement), beside the Rust KAMI's signature over the .wasm.
        """
        ALTER TABLE tools ADD COLUMN manifest_signature TEXT;
        ALTER TABLE previous_tools ADD COLUMN manifest_signature TEXT;
        """,
        // 6: named clients (only token hashes) and the caller of each audited call.
        """
        CREATE TABLE clients (
            name              TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            tools             TEXT NOT NULL,
            calls_per_minute  INTEGER,
            fuel_per_day      INTEGER,
            token_hash        TEXT NOT NULL UNIQUE,
            created_at        TEXT NOT NULL
        );
        ALTER TABLE calls ADD COLUMN caller TEXT;
        """,
        // 7: the audit hash chain: each call's place in its chain, the previous record's hash and its own; the chain's
        //    head (its newest record, so removing records from the end is detected) and how far retention pruned it.
        """
        ALTER TABLE calls ADD COLUMN chain_seq INTEGER;
        ALTER TABLE calls ADD COLUMN prev_hash TEXT;
        ALTER TABLE calls ADD COLUMN hash TEXT;
        CREATE TABLE audit_heads (chain TEXT NOT NULL PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT NOT NULL);
        CREATE TABLE audit_pruned (chain TEXT NOT NULL PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT NOT NULL);
        """,
    ];

    public static int Latest => Steps.Count;
}
