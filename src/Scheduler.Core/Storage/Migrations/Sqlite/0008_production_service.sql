-- Issue 11 (several instances on one PostgreSQL) needs no SQLite table: the embedded default is one
-- process, its live updates stay in-process and its Data Protection keys live in the data folder.
-- The file keeps the migration numbers of both dialects in step.
SELECT 1;
