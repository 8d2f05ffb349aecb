-- A subdomain chosen in an install plan is held for the plan's Organization for
-- catalyst.provisioning.hostnames.reservation-ttl (10 minutes, DOMAIN.md's reservation TTL), so that the time between
-- plan and apply (a checkout, say) cannot lose it to another Organization. Expired rows are overwritten by the next
-- plan that wants the hostname; an applied install's rows are deleted (the application row holds the hostname then).
create table hostname_reservation (
    hostname      text        primary key,
    organization  text        not null,
    install_id    uuid        not null,
    expires_at    timestamptz not null
);

create index hostname_reservation_by_install on hostname_reservation (install_id);
