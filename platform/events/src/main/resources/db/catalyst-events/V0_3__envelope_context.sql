-- The envelope says who, where and why (docs/conventions.md, Events): the actor's kind and roles, the surface the
-- change entered through, and the correlation id (the gateway's request id) of what caused it.
alter table catalyst_outbox add column actor_kind text;
alter table catalyst_outbox add column actor_roles text;
alter table catalyst_outbox add column surface text;
alter table catalyst_outbox add column correlation_id text;
