-- Owned by platform/events: the transactional outbox and the idempotent inbox of every service.

create table catalyst_outbox (
    position     bigserial   primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    record_key   text        not null,
    type         text        not null,
    source       text        not null,
    subject      text,
    occurred_at  timestamptz not null,
    organization text,
    environment  text,
    actor        text,
    traceparent  text,
    data         text        not null,
    published_at timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);

-- The relay reads unpublished rows in commit order.
create index catalyst_outbox_pending on catalyst_outbox (position) where published_at is null;

create table catalyst_processed_event (
    consumer     text        not null,
    event_id     text        not null,
    type         text,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
