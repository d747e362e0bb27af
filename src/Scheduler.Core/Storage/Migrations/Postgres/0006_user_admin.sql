-- Admins disable a local user instead of deleting it, so the user's audit trail keeps a name that
-- still resolves; a disabled user cannot sign in.
ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
