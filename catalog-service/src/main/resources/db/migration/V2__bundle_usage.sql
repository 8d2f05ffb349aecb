-- An Application installed as a part of a bundle (a composite Blueprint, which gets no Application of its own)
-- remembers the bundle and the install, so the bundle's install count is its live installs.
alter table application_usage add column bundle text;
alter table application_usage add column install text;
create index application_usage_bundle on application_usage (bundle) where bundle is not null;
