-- Every list pages on the server (issue 15), budgets too: newest period first, optionally of one
-- state. Without these a page of budgets sorted the whole table; with them it reads the page.
CREATE INDEX ix_budgets_period ON budgets(period_start DESC, name, id);
CREATE INDEX ix_budgets_state_period ON budgets(state, period_start DESC, name, id);
