-- The outbox of merchant events: every status change writes its event here in the same transaction
-- as the change, so an event is never lost and never invented. Delivery reads it, in order per payout.
create table payout_events (
    event_id        varchar(36)    not null primary key,
    payout_id       varchar(64)    not null references payouts (payout_id),
    -- the event's place among its payout's events: delivered in this order
    seq             integer        not null,
    -- the exact JSON delivered, byte-identical on every attempt
    body            text           not null,
    callback_url    varchar(2048),
    -- PENDING until delivered (DELIVERED) or out of attempts (DEAD)
    state           varchar(16)    not null,
    attempts        integer        not null,
    next_attempt_at timestamp(3) with time zone not null,
    last_error      varchar(500),
    created_at      timestamp(3) with time zone not null,
    delivered_at    timestamp(3) with time zone,
    unique (payout_id, seq)
);

-- the delivery loop looks for pending events that are due
create index payout_events_due on payout_events (state, next_attempt_at);
