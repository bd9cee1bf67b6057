namespace Kami.Registry.Postgres;

/// <summary>
/// The PostgreSQL schema's history, oldest first; <c>kami_schema.version</c> records how many have run. Never edit a
/// shipped step: add one. Columns mirror the SQLite registry's (times as ISO 8601 text, so both adapters give
/// back exactly what was written); ids compare ignoring case through <c>lower(id)</c>.
/// </summary>
internal static class PostgresMigrations
{
    public static readonly IReadOnlyList<string> Steps =
    [
        // 1: tools, the previous versions, trusted signers, the revision, the audit log and the shared components.
        """
        CREATE TABLE tools (
            id                 text NOT NULL,
            name               text NOT NULL,
            version            text NOT NULL,
            description        text NOT NULL,
            manifest_json      text NOT NULL,
            wasm_sha256        text NOT NULL,
            install_path       text NOT NULL,
            enabled            boolean NOT NULL DEFAULT true,
            installed_at       text NOT NULL,
            source             text NOT NULL,
            signature          text,
            signer_public_key  text,
            pinned             boolean NOT NULL DEFAULT false,
            manifest_signature text
        );
        CREATE UNIQUE INDEX tools_by_id ON tools (lower(id));
        CREATE TABLE previous_tools (LIKE tools INCLUDING DEFAULTS);
        CREATE UNIQUE INDEX previous_tools_by_id ON previous_tools (lower(id));
        CREATE TABLE trusted_signers (
            public_key text NOT NULL PRIMARY KEY,
            name       text NOT NULL,
            added_at   text NOT NULL
        );
        CREATE UNIQUE INDEX trusted_signers_by_name ON trusted_signers (lower(name));
        CREATE TABLE meta (key text NOT NULL PRIMARY KEY, value bigint NOT NULL);
        INSERT INTO meta (key, value) VALUES ('tools_revision', 1);
        CREATE TABLE calls (
            seq                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            replica_id          text NOT NULL,
            tool_id             text NOT NULL,
            started_at          text NOT NULL,
            duration_ms         double precision NOT NULL,
            outcome             text NOT NULL,
            fuel_used           bigint NOT NULL,
            error               text,
            arguments           text,
            transport           text NOT NULL,
            http_requests       integer NOT NULL DEFAULT 0,
            http_bytes_sent     bigint NOT NULL DEFAULT 0,
            http_bytes_received bigint NOT NULL DEFAULT 0,
            http                text
        );
        CREATE INDEX calls_by_tool ON calls (lower(tool_id), seq);
        CREATE TABLE components (
            sha256    text NOT NULL PRIMARY KEY,
            bytes     bytea NOT NULL,
            stored_at text NOT NULL
        );
        """,
        // 2: named clients (only token hashes) and the caller of each audited call, as SQLite's step 6: the fleet shares
        //    its clients, so a token added from any machine works on every replica.
        """
        CREATE TABLE clients (
            name              text NOT NULL,
            tools             text NOT NULL,
            calls_per_minute  bigint,
            fuel_per_day      bigint,
            token_hash        text NOT NULL UNIQUE,
            created_at        text NOT NULL
        );
        CREATE UNIQUE INDEX clients_by_name ON clients (lower(name));
        ALTER TABLE calls ADD COLUMN caller text;
        """,
        // 3: quota counters the fleet shares (one row per caller key and fixed window; ended windows are pruned).
        """
        CREATE TABLE quota_counters (
            key          text NOT NULL,
            window_start text NOT NULL,
            window_end   text NOT NULL,
            value        bigint NOT NULL,
            PRIMARY KEY (key, window_start)
        );
        """,
        // 4: the audit hash chains, one per replica (replica_id names the chain), as SQLite's step 7. Heads and pruned
        //    points are separate tables: a replica writes only its own head row, while the one replica pruning at a
        //    time writes the pruned points of every chain, so appends never wait for another replica.
        """
        ALTER TABLE calls ADD COLUMN chain_seq bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text;
        CREATE TABLE audit_heads (chain text NOT NULL PRIMARY KEY, seq bigint NOT NULL, hash text NOT NULL);
        CREATE TABLE audit_pruned (chain text NOT NULL PRIMARY KEY, seq bigint NOT NULL, hash text NOT NULL);
        """,
    ];

    public static int Latest => Steps.Count;
}
