-- Vouchers (DOMAIN.md §7.4: flat credit, per Sovereign, once per Organization, revocation a soft delete) with an
-- optional validity window and redemption cap; the credit ledger, append-only, whose sum is the balance.

create table voucher (
  code            text primary key check (code ~ '^[A-Z0-9][A-Z0-9-]{2,63}$'),
  currency        char(3) not null,
  credit_minor    bigint  not null check (credit_minor > 0),
  description     text    not null default '',
  active          boolean not null default true,
  -- 0 = unlimited; 1 = single-use across the Sovereign; N = hard cap. Never reset, also not by re-issue.
  max_redemptions int     not null default 0 check (max_redemptions >= 0),
  times_redeemed  int     not null default 0 check (times_redeemed >= 0),
  valid_from      timestamptz,
  valid_until     timestamptz,
  issued_by       text        not null,
  created_at      timestamptz not null,
  updated_at      timestamptz not null,
  -- Revoked: hidden from the list, unknown to preview and redemption; kept for the redemptions that name it.
  deleted_at      timestamptz,
  revoked_by      text,
  check (valid_from is null or valid_until is null or valid_until > valid_from)
);

create table credit_entry (
  id           bigserial primary key,
  organization text    not null,
  currency     char(3) not null,
  -- + a grant (voucher), − a spend (an order); never 0.
  amount_minor bigint  not null check (amount_minor <> 0),
  reason       text    not null,
  voucher      text references voucher (code),
  order_id     uuid,
  actor        text        not null,
  created_at   timestamptz not null
);
create index credit_entry_by_organization on credit_entry (organization, id);

create function credit_entry_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'credit_entry is append-only: add a correcting entry instead';
end $$;
create trigger credit_entry_append_only before update or delete on credit_entry
  for each row execute function credit_entry_is_append_only();

create table voucher_redemption (
  code         text not null references voucher (code),
  organization text not null,
  redeemed_by  text not null,
  credit_entry bigint not null references credit_entry (id),
  redeemed_at  timestamptz not null,
  primary key (code, organization)
);
