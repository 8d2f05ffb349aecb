-- Signed checkpoints (docs/audit.md, Checkpoints): a chain's head at a moment, signed with Ed25519 by a key that lives
-- outside the database, so neither login can forge one. Append-only like the records.
create table audit_checkpoint (
    id         bigint      generated always as identity primary key,
    chain      text        not null,
    sequence   bigint      not null,
    hash       text        not null,
    signed_at  timestamptz not null,
    key_id     text        not null,
    signature  text        not null  -- base64 Ed25519 signature of the checkpoint statement
);

create index audit_checkpoint_by_chain on audit_checkpoint (chain, sequence);

create trigger audit_checkpoint_append_only
  before update or delete on audit_checkpoint
  for each row execute function audit_record_refuse_change();
