-- Hall administration (issue 18): platform administrators create halls and their administrators; a hall
-- administrator (staff_roles.role = 'admin') runs one hall and, where the station says so, the stations under it.

create table platform_admins (
  user_id uuid primary key references users (id) on delete cascade,
  granted_at timestamptz not null
);

-- The four-level service system: district centre → street centre → community station. A station whose
-- parent_managed is set is administered by its parent's administrators too (and theirs, up the chain).
alter table halls add column level text not null default 'district' check (level in ('district', 'street', 'community'));
alter table halls add column parent_hall_id text references halls (id);
alter table halls add column parent_managed boolean not null default false;
alter table halls add constraint halls_parent_not_self check (parent_hall_id is distinct from id);
alter table halls add constraint halls_parent_managed_needs_parent check (not parent_managed or parent_hall_id is not null);
create index halls_parent_idx on halls (parent_hall_id);

-- 暂停服务: a paused window calls nobody and does not count as open in waiting estimates.
alter table hall_windows add column paused_at timestamptz;

-- A category may lower or raise the hall's elderly priority age (null: the hall's).
alter table queue_categories add column elderly_priority_age int check (elderly_priority_age between 50 and 100);

-- A disabled assignment stays for the record but grants nothing.
alter table staff_roles add column disabled_at timestamptz;
