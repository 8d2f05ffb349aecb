-- The relay's stress test: a counter per key whose row lock orders committing producers, and what each committed.
create table stress_counter (record_key text primary key, n bigint not null);
create table stress_commit (event_id uuid primary key, run text not null, record_key text not null, n bigint not null);
