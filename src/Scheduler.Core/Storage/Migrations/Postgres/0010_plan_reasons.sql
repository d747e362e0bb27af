-- Every plan keeps the reasons for its choices (issue 13), one sentence a line, in the planner's order.
CREATE TABLE plan_reasons (
    plan_id UUID NOT NULL REFERENCES plans(id),
    line    INTEGER NOT NULL,
    kind    TEXT NOT NULL,
    text    TEXT NOT NULL,
    PRIMARY KEY (plan_id, line)
);
