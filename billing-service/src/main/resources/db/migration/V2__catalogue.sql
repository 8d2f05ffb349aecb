-- Plans, add-ons and Blueprint prices: billing's own data (catalog has no prices). Amounts are minor units of the
-- row's currency (baisa for OMR). Seeded from the upstream catalogue (REFERENCE-IMPL.md §3, DOMAIN.md §7.2).

create table plan (
  slug             text primary key check (slug ~ '^[a-z][a-z0-9-]{0,31}$'),
  name             text    not null,
  description      text    not null,
  currency         char(3) not null,
  monthly_minor    bigint  not null check (monthly_minor >= 0),
  -- Flexi: the price of one compute unit (1 vCPU + 2 GB) for a month, metered later; null for fixed plans.
  usage_unit_minor bigint check (usage_unit_minor >= 0),
  -- The plan's envelope and limits; null = no fixed limit (on demand, unlimited).
  cpu_millis       int check (cpu_millis > 0),
  memory_mb        int check (memory_mb > 0),
  storage_gb       int check (storage_gb > 0),
  max_environments int check (max_environments > 0),
  max_applications int check (max_applications > 0),
  popular          boolean not null default false,
  sort_order       int     not null,
  features         text[]  not null default '{}'
);

create table add_on (
  slug          text primary key check (slug ~ '^[a-z][a-z0-9-]{0,31}$'),
  name          text    not null,
  description   text    not null,
  category      text    not null,
  currency      char(3) not null,
  monthly_minor bigint  not null check (monthly_minor >= 0),
  -- Included in every plan at no charge (shown, never billed).
  included      boolean not null,
  sort_order    int     not null
);

-- The monthly price of an Application of a Blueprint, or of one install of a bundle (composite Blueprint), keyed by
-- the Blueprint's name. A Blueprint without a row is free. cpu/memory: the estimate the quote checks plan limits with.
create table blueprint_price (
  blueprint        text primary key check (blueprint ~ '^bp-[a-z0-9]([a-z0-9-]*[a-z0-9])?$'),
  kind             text    not null check (kind in ('application', 'bundle')),
  currency         char(3) not null,
  monthly_minor    bigint  not null check (monthly_minor >= 0),
  cpu_millis       int     not null default 0 check (cpu_millis >= 0),
  memory_mb        int     not null default 0 check (memory_mb >= 0),
  recommended_plan text references plan (slug)
);

insert into plan (slug, name, description, currency, monthly_minor, usage_unit_minor, cpu_millis, memory_mb,
                  storage_gb, max_environments, max_applications, popular, sort_order, features) values
  ('s', 'S', 'For personal projects and small teams', 'OMR', 5000, null, 2000, 4096, 25, 2, null, false, 1,
   '{Unlimited apps,SSO,API access,TLS,Daily snapshots}'),
  ('m', 'M', 'For growing businesses up to 30 users', 'OMR', 9000, null, 4000, 8192, 50, 3, null, true, 2,
   '{Unlimited apps,SSO,API access,TLS,Daily backups,Priority support,Custom domain}'),
  ('l', 'L', 'For teams of 30 to 100', 'OMR', 16000, null, 8000, 16384, 100, 5, null, false, 3,
   '{Unlimited apps,SSO,API access,TLS,Hourly backups,WAF/IPS,Dedicated support}'),
  ('xl', 'XL', 'For enterprises of 100 and more', 'OMR', 30000, null, 16000, 32768, 200, 10, null, false, 4,
   '{Unlimited apps,SSO,API access,TLS,Continuous backups,SLA 99.9 %,Audit logs}'),
  ('flexi', 'Flexi', 'Pay as you go', 'OMR', 0, 2000, null, null, null, null, null, false, 5,
   '{Unlimited apps,SSO,API access,TLS,Pay per use,Scale on demand}');

insert into add_on (slug, name, description, category, currency, monthly_minor, included, sort_order) values
  ('daily-backup', 'Daily backup', 'Daily backups kept 30 days', 'reliability', 'OMR', 3000, false, 1),
  ('priority-support', 'Priority support', 'Answers within 4 hours', 'support', 'OMR', 5000, false, 2),
  ('custom-domain', 'Custom domain', 'Your own domain name', 'networking', 'OMR', 0, true, 3),
  ('api-access', 'API access', 'Programmatic access to your Applications', 'developer', 'OMR', 5000, false, 4),
  ('dedicated-ip', 'Dedicated IP', 'A dedicated address with reverse DNS', 'networking', 'OMR', 5000, false, 5),
  ('waf', 'Web application firewall', 'OWASP core rule set', 'security', 'OMR', 0, true, 6),
  ('ips', 'Intrusion prevention', 'CrowdSec', 'security', 'OMR', 0, true, 7),
  ('vuln-scan', 'Vulnerability scanning', 'Trivy', 'security', 'OMR', 0, true, 8),
  ('log-management', 'Log management', 'Centralised logs (Loki)', 'monitoring', 'OMR', 3000, false, 9);

-- The upstream's seeded apps are all free; their resource estimates (RAM MB / CPU millis) are kept for the limits.
insert into blueprint_price (blueprint, kind, currency, monthly_minor, cpu_millis, memory_mb, recommended_plan) values
  ('bp-wordpress', 'application', 'OMR', 0, 250, 256, 'm'),
  ('bp-ghost', 'application', 'OMR', 0, 250, 256, 's'),
  ('bp-stalwart-mail', 'application', 'OMR', 0, 250, 400, 'm'),
  ('bp-rocket-chat', 'application', 'OMR', 0, 500, 512, 'm'),
  ('bp-nextcloud', 'application', 'OMR', 0, 500, 512, 'm'),
  ('bp-twenty', 'application', 'OMR', 0, 500, 512, 'm'),
  ('bp-umami', 'application', 'OMR', 0, 250, 256, 's'),
  ('bp-medusa', 'application', 'OMR', 0, 500, 512, 'm'),
  ('bp-plane', 'application', 'OMR', 0, 500, 512, 'm'),
  ('bp-erpnext', 'application', 'OMR', 0, 500, 1024, 'l'),
  ('bp-invoiceshelf', 'application', 'OMR', 0, 250, 256, 's'),
  ('bp-listmonk', 'application', 'OMR', 0, 200, 256, 's'),
  ('bp-cal-com', 'application', 'OMR', 0, 250, 256, 's'),
  ('bp-gitea', 'application', 'OMR', 0, 250, 256, 's'),
  ('bp-uptime-kuma', 'application', 'OMR', 0, 100, 128, 's'),
  ('bp-librechat', 'application', 'OMR', 0, 500, 512, 'm'),
  ('bp-documenso', 'application', 'OMR', 0, 250, 256, 's'),
  ('bp-vaultwarden', 'application', 'OMR', 0, 50, 64, 's'),
  ('bp-bookstack', 'application', 'OMR', 0, 250, 256, 's'),
  ('bp-formbricks', 'application', 'OMR', 0, 250, 256, 's'),
  ('bp-dify', 'application', 'OMR', 0, 1000, 1024, 'l'),
  ('bp-openclaw', 'application', 'OMR', 0, 250, 256, 's'),
  ('bp-chatwoot', 'application', 'OMR', 0, 500, 512, 'm'),
  ('bp-postiz', 'application', 'OMR', 0, 250, 256, 's'),
  ('bp-nocodb', 'application', 'OMR', 0, 250, 256, 's'),
  ('bp-jitsi-meet', 'application', 'OMR', 0, 1000, 1024, 'm'),
  ('bp-immich', 'application', 'OMR', 0, 1000, 1024, 'm'),
  ('bp-mysql', 'application', 'OMR', 0, 200, 256, null),
  ('bp-postgres', 'application', 'OMR', 0, 200, 256, null),
  ('bp-redis', 'application', 'OMR', 0, 100, 128, null),
  -- Bundles: the upstream's three (free parts; the upstream's discount was never billed), and the seed persona's
  -- pharmacy bundle, which is ours: the one paid bundle of the seed (12.000 OMR a month).
  ('bp-bundle-starter-pack', 'bundle', 'OMR', 0, 0, 0, 's'),
  ('bp-bundle-comms-hub', 'bundle', 'OMR', 0, 0, 0, 'm'),
  ('bp-bundle-business-suite', 'bundle', 'OMR', 0, 0, 0, 'l'),
  ('bp-bundle-pharmacy', 'bundle', 'OMR', 12000, 0, 0, 'm');
