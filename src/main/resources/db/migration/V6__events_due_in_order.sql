-- The outbox keeps each payout's order in its data, so that finding due events is one range of one index
-- whatever the history: only the first pending event of a payout (its head) has a next_attempt_at; the events
-- behind it have none until the head is delivered or dead-lettered, and delivered and dead events have none.
alter table payout_events alter column next_attempt_at drop not null;
update payout_events set next_attempt_at = null where state <> 'PENDING';
update payout_events set next_attempt_at = null where state = 'PENDING' and exists (
    select 1 from payout_events p where p.payout_id = payout_events.payout_id and p.seq < payout_events.seq
    and p.state = 'PENDING');
drop index payout_events_due;
-- the due query reads this index alone: due time and id, earliest first
create index payout_events_next_attempt on payout_events (next_attempt_at, event_id);

-- the API client whose events secret signs the event: read with the event, not looked up at each attempt
alter table payout_events add column client_id varchar(64);
update payout_events set client_id = (select p.client_id from payouts p where p.payout_id = payout_events.payout_id);

-- delivered events are deleted once payouts.events.retention has passed: a range of this index
create index payout_events_delivered on payout_events (delivered_at);
