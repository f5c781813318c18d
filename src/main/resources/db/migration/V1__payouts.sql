-- One row per payout, keyed by the merchant's payoutId: the primary key is what makes a payout
-- idempotent, even across instances. Written in SQL that both H2 (PostgreSQL mode) and PostgreSQL run.
create table payouts (
    payout_id             varchar(64)    not null primary key,
    -- SHA-256 of the request's content, to tell a replay (200) from a conflict (409)
    fingerprint           char(64)       not null,
    provider              varchar(64)    not null,
    status                varchar(16)    not null,
    amount_value          numeric(38, 12) not null,
    amount_currency       char(3)        not null,
    provider_reference    varchar(128),
    fee_value             numeric(38, 12),
    fee_currency          char(3),
    failure_code          varchar(40),
    failure_message       varchar(500),
    failure_provider_code varchar(64),
    callback_url          varchar(2048),
    created_at            timestamp(3) with time zone not null,
    updated_at            timestamp(3) with time zone not null
);

-- reconciliation looks for payouts that are not final, oldest first
create index payouts_open on payouts (status, updated_at);
