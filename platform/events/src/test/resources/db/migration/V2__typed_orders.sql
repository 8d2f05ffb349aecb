-- What TypedOrderProjection applied (no unique constraint: a duplicate application would show as two rows).
create table typed_order (id bigserial primary key, event_id text not null, type text not null, name text not null,
                          organization text);
