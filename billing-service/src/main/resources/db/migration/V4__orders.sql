-- Checkout orders: a plan and an install plan, optionally a voucher; the total is fixed before any redemption.
create table orders (
  id              uuid primary key,
  organization    text    not null,
  environment     text,
  install_plan    text,
  plan            text    not null references plan (slug),
  currency        char(3) not null,
  amount_minor    bigint  not null check (amount_minor >= 0),
  -- the code as sent (upper-cased), also when no such voucher exists
  voucher         text,
  -- pending → completed | failed (a failed checkout, compensated step by step; failure says why)
  status          text    not null check (status in ('pending', 'completed', 'failed')),
  failure         text,
  idempotency_key text,
  created_by      text        not null,
  created_at      timestamptz not null,
  completed_at    timestamptz,
  unique (organization, idempotency_key)
);
create index orders_by_organization on orders (organization, created_at desc);
