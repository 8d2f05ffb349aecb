-- The audit trail (docs/audit.md). Append-only: the runtime login may only SELECT and INSERT records (afterMigrate.sql)
-- and a trigger refuses UPDATE, DELETE and TRUNCATE to every login, the owner included, unless the trigger is disabled.

create table audit_record (
    id             bigint      generated always as identity primary key,  -- ingest order across chains
    event_id       text        not null unique,                           -- ce_id: a redelivery is stored once
    chain          text        not null,                                  -- the Organization, or _sovereign
    sequence       bigint      not null,                                  -- 1, 2, 3, … per chain, in ingest order
    previous_hash  text,                                                  -- hash of sequence - 1 (null for 1)
    hash           text        not null,                                  -- SHA-256 of the canonical form, hex
    organization   text,
    environment    text,
    application    text,
    actor_kind     text,
    actor          text,
    actor_roles    text,
    surface        text,
    action         text        not null,                                  -- ce_type
    resource       text,                                                  -- ce_subject
    source         text        not null,
    outcome        text        not null,
    correlation_id text,
    trace_id       text,
    occurred_at    timestamptz,
    ingested_at    timestamptz not null,
    changes        text,                                                  -- before/after summary, JSON
    event          text        not null,                                  -- the CloudEvent, structured JSON
    unique (chain, sequence)
);

create index audit_record_by_organization on audit_record (organization, id);
create index audit_record_by_actor on audit_record (organization, actor, id);
create index audit_record_by_application on audit_record (organization, application, id);
create index audit_record_by_chain_time on audit_record (chain, ingested_at);

-- The head of each chain: the next record's sequence and predecessor come from here, under a row lock, so replicas
-- append one at a time per chain.
create table audit_chain (
    chain         text        primary key,
    last_sequence bigint      not null,
    last_hash     text,
    updated_at    timestamptz not null
);

create function audit_record_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit records are append-only: % on audit_record refused', tg_op
    using errcode = 'insufficient_privilege';
end $$;

create trigger audit_record_append_only
  before update or delete on audit_record
  for each row execute function audit_record_refuse_change();

create trigger audit_record_no_truncate
  before truncate on audit_record
  for each statement execute function audit_record_refuse_change();
