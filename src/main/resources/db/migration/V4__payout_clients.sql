-- Each payout belongs to the API client that created it (contract section 10): another client reads it as
-- unknown and cannot take its payoutId. Payouts made before clients existed belong to client 'default', the
-- client of a deployment without API keys.
alter table payouts add column client_id varchar(64) default 'default' not null;
