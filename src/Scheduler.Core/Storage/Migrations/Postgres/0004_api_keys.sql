-- API keys of service accounts (brief §7: automation authenticates with keys stored only as
-- hashes, scoped to roles). key_hash is the SHA-256 of the key in lower-case hex; the key itself
-- is shown once at creation and never stored. prefix is the key's first characters, enough for a
-- person to tell keys apart in a list, far too few to guess the rest.
CREATE TABLE api_keys (
    id         UUID PRIMARY KEY,
    name       TEXT NOT NULL,
    team       TEXT NULL,
    roles      TEXT NOT NULL,
    key_hash   TEXT NOT NULL UNIQUE,
    prefix     TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_by TEXT NULL,
    revoked_at TIMESTAMPTZ NULL
);
