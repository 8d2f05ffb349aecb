create table test_order (id bigserial primary key, org text not null, name text not null);
-- No unique constraint on purpose: a duplicate application would show as two rows.
create table projected_order (id bigserial primary key, event_id text not null, name text not null);
