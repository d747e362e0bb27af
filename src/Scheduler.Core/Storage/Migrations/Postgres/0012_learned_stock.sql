-- Learned cloud stock (issue 13) shared between instances (issue 11): the newest cap per
-- (member zone, instance type) that a partial fulfilment or stock-out taught any instance.
CREATE TABLE learned_stock (
    member_zone_id TEXT NOT NULL,
    instance_type  TEXT NOT NULL,
    units          INTEGER NOT NULL,
    learned_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (member_zone_id, instance_type)
);
