-- The outbox numbers its rows in commit order per record key (the Organization), and the relay ships by that number.
--
-- `position` is taken when a row is inserted, so a transaction that inserted early and commits late has a lower
-- position than rows already shipped. `commit_seq` is taken instead just before the transaction commits (a deferred
-- constraint trigger), under a transaction-scoped advisory lock per record key that is released only once the commit
-- is visible. So for one key, a row with a higher commit_seq is never visible before every row with a lower one: the
-- relay, reading by commit_seq, cannot overtake anything of that key. Rows of other keys that commit late are picked
-- up by the next round (the relay marks exactly the rows it sent, never a range).

create sequence catalyst_outbox_commit_seq;

alter table catalyst_outbox add column commit_seq bigint;
update catalyst_outbox set commit_seq = position;
select setval('catalyst_outbox_commit_seq', coalesce((select max(position) from catalyst_outbox), 0) + 1, false);

drop index catalyst_outbox_pending;
create index catalyst_outbox_pending on catalyst_outbox (commit_seq) where published_at is null;
-- The rows of the committing transaction (no other transaction's uncommitted rows are visible to it).
create index catalyst_outbox_unnumbered on catalyst_outbox (position) where commit_seq is null;

create function catalyst_outbox_number() returns trigger language plpgsql as $$
declare
  k record;
  r record;
begin
  -- The first firing in a transaction numbers all of its rows; the later ones find theirs numbered.
  if not exists (select 1 from catalyst_outbox where position = new.position and commit_seq is null) then
    return null;
  end if;
  -- One lock per key, taken in key order so that transactions writing for several keys cannot deadlock here.
  for k in select distinct record_key from catalyst_outbox where commit_seq is null order by record_key loop
    perform pg_advisory_xact_lock(1129270340, hashtext(k.record_key));
  end loop;
  for r in select position from catalyst_outbox where commit_seq is null order by position loop
    update catalyst_outbox set commit_seq = nextval('catalyst_outbox_commit_seq') where position = r.position;
  end loop;
  return null;
end $$;

create constraint trigger catalyst_outbox_number_at_commit
  after insert on catalyst_outbox
  deferrable initially deferred
  for each row execute function catalyst_outbox_number();
