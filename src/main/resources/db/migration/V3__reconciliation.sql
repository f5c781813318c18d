-- Reconciliation (contract section 12): every payout that is not final is asked about at its provider on a
-- schedule. Each open payout carries the time it is next due; a final one carries null and is never looked at
-- again. One index on that time makes "the due payouts" a range scan from its start, whatever the backlog.
alter table payouts add column next_check_at timestamp(3) with time zone;
-- how many times it was asked about since its last status change (for operators; the schedule is in time)
alter table payouts add column checks integer default 0 not null;
-- the instance that holds the payout for a check now; next_check_at is then the end of its lease, so that a
-- payout whose instance died falls due again by itself
alter table payouts add column claimed_by varchar(100);
-- why an operator should look at this open payout (open too long, unknown to its provider); null when nothing
alter table payouts add column flagged varchar(200);

-- the payouts open when this migration runs are due at once
update payouts set next_check_at = updated_at where status in ('RECEIVED', 'PROCESSING', 'UNKNOWN');

create index payouts_next_check on payouts (next_check_at);
create index payouts_flagged on payouts (flagged);
-- its place was reconciliation's; next_check_at replaces it (and a status change now updates one index, not two)
drop index payouts_open;
