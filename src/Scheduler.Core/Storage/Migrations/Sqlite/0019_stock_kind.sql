-- Stock you can stand on (issue 13). An offering's stock is either counted (IDC hosts) or only a
-- category the provider reports (ECS WithStock, ClosedWithStock, ...); for a category the stored
-- stock is the nominal count assumed for it. Rows written before this were IDC counted, cloud reported.
ALTER TABLE offerings ADD COLUMN stock_kind TEXT NOT NULL DEFAULT 'Counted' CHECK (stock_kind IN ('Counted','Reported'));
ALTER TABLE offerings ADD COLUMN stock_category TEXT NULL;
UPDATE offerings SET stock_kind = 'Reported' WHERE provider <> 'Idc';

-- A plan line says what its stock rests on and how many of its cores are confirmed (the rest expected).
ALTER TABLE allocations ADD COLUMN stock_basis TEXT NOT NULL DEFAULT 'Counted' CHECK (stock_basis IN ('Counted','Learned','Assumed'));
ALTER TABLE allocations ADD COLUMN confirmed_cores INTEGER NOT NULL DEFAULT 0;
UPDATE allocations SET stock_basis = 'Assumed' WHERE provider <> 'Idc';
UPDATE allocations SET confirmed_cores = cores WHERE provider = 'Idc';

-- Learned caps and recent deliveries per (member zone, instance type) outlive a restart (and, on
-- PostgreSQL, are shared between instances): the newest lesson wins.
CREATE TABLE learned_stock (
    member_zone_id TEXT NOT NULL,
    instance_type  TEXT NOT NULL,
    units          INTEGER NOT NULL,
    learned_at     TEXT NOT NULL,
    PRIMARY KEY (member_zone_id, instance_type)
);
CREATE TABLE stock_deliveries (
    member_zone_id TEXT NOT NULL,
    instance_type  TEXT NOT NULL,
    units          INTEGER NOT NULL CHECK (units >= 0),
    delivered_at   TEXT NOT NULL,
    PRIMARY KEY (member_zone_id, instance_type)
);
