-- Issue 10, "Trust at the door".
-- Four-eyes on budgets compares the approver with whoever created *and* whoever submitted it.
ALTER TABLE budgets ADD COLUMN submitted_by TEXT NULL;

-- An API key is issued to a named user (a person or a service account) and acts as that user, so
-- the four-eyes rules compare people. Keys made before this have no holder and are refused until
-- an admin issues a new one: acting as "whoever created the key" would hand them an admin's name.
ALTER TABLE api_keys ADD COLUMN user_name TEXT NULL;

-- Server-side sign-in sessions: the cookie names one; sign-out ends it, and a password reset,
-- a disable or a role change ends every session of the user, checked on each request and circuit.
CREATE TABLE user_sessions (
    id         UUID PRIMARY KEY,
    user_name  TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    ended_at   TIMESTAMPTZ NULL
);
CREATE INDEX ix_user_sessions_user ON user_sessions(user_name);

-- Sign-in lockout per typed user name, whether or not such a user exists (so a lockout reveals
-- nothing). ASP.NET Core Identity's semantics: failures count up to a limit, then the name is
-- locked for a while and the count starts again; a successful sign-in clears the row.
CREATE TABLE sign_in_failures (
    user_name    TEXT PRIMARY KEY,
    failed_count INTEGER NOT NULL,
    locked_until TIMESTAMPTZ NULL
);
