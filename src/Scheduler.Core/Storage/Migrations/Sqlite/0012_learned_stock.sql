-- The embedded default is one process: its learned cloud stock stays in memory (see the PostgreSQL
-- migration of the same number). The file keeps the migration numbers of both dialects in step.
SELECT 1;
