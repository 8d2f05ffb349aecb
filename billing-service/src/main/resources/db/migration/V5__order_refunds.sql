-- A completed order whose install plan provisioning rolled back is refunded to credit (status refunded, reason kept).
alter table orders drop constraint orders_status_check;
alter table orders add constraint orders_status_check
  check (status in ('pending', 'completed', 'failed', 'refunded'));
create index orders_by_install_plan on orders (organization, install_plan) where install_plan is not null;
