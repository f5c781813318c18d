-- Operators watch the age of the oldest pending event (health, metrics): with this index it is one seek,
-- whatever the backlog, instead of a read of every pending row.
create index payout_events_pending_age on payout_events (state, created_at);
