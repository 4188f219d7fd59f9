-- Queue numbers (排队叫号, domain README §3). Every rule that must hold under concurrency is a
-- constraint or a counter row here; the service only translates refusals into messages.

-- Practice values per hall (§3 is practice, so configurable): how long a remote ticket may wait for
-- its check-in, and the age from which a citizen gets an elderly priority ticket (老年人权益保障法 53).
alter table halls add column remote_checkin_minutes int not null default 120 check (remote_checkin_minutes > 0);
alter table halls add column elderly_priority_age int not null default 60 check (elderly_priority_age between 50 and 100);

-- Y is the appointment series of a hall (§3), so no queue category may use that letter.
alter table queue_categories add constraint queue_categories_code_not_appointment check (code <> 'Y');

-- One row per hall, number series (a category letter, or Y) and Shanghai day. The ticket insert
-- increments it in the same transaction, so numbers have no gaps and no duplicates, and the
-- `last_number <= quota` update condition is what enforces the daily quota.
create table queue_counters (
  hall_id text not null references halls (id),
  series text not null check (series ~ '^[A-Z]$'),
  service_date date not null,
  last_number int not null check (last_number between 1 and 999),
  primary key (hall_id, series, service_date)
);

-- Tickets a person took per category and day (the per-person daily cap), cancelled ones included so
-- that taking and cancelling cannot be repeated without limit.
create table queue_person_days (
  user_id uuid not null references users (id) on delete cascade,
  category_id text not null references queue_categories (id),
  service_date date not null,
  taken int not null check (taken >= 0),
  primary key (user_id, category_id, service_date)
);

-- Per category and day: how many tickets windows have called, the clock a 过号 re-queue waits on.
create table queue_category_days (
  category_id text not null references queue_categories (id),
  service_date date not null,
  calls int not null default 0,
  primary key (category_id, service_date)
);

-- Per window and day: priority tickets called in a row, for the ratio that keeps ordinary tickets moving.
create table queue_window_days (
  window_id text not null references hall_windows (id),
  service_date date not null,
  priority_streak int not null default 0,
  last_call_at timestamptz,
  primary key (window_id, service_date)
);

create table queue_tickets (
  id uuid primary key default gen_random_uuid(),
  hall_id text not null references halls (id),
  category_id text not null references queue_categories (id),
  service_date date not null,
  number text not null check (number ~ '^[A-Z][0-9]{3}$'),
  user_id uuid not null references users (id),
  source text not null check (source in ('remote', 'appointment')),
  appointment_id uuid,
  priority text check (priority in ('appointment', 'elderly')),
  status text not null check (status in ('waiting_checkin', 'waiting', 'called', 'serving', 'done', 'missed', 'cancelled', 'expired')),
  issued_at timestamptz not null,
  checkin_deadline timestamptz,
  checked_in_at timestamptz,
  checkin_method text check (checkin_method in ('qr', 'geofence', 'appointment')),
  -- The place in the line: the check-in time, kept across a transfer.
  queued_at timestamptz,
  -- After a first 过号: not callable before the category's call counter reaches this value.
  requeue_at_calls int,
  window_id text references hall_windows (id),
  called_at timestamptz,
  recalls int not null default 0 check (recalls between 0 and 3),
  misses int not null default 0 check (misses between 0 and 2),
  serving_at timestamptz,
  ended_at timestamptz,
  near_notified boolean not null default false,
  -- Numbers identify a ticket within a hall and day: the Y series spans categories, so this is
  -- stricter than (hall, category, day, number).
  unique (hall_id, service_date, number),
  check (status <> 'waiting_checkin' or checked_in_at is null),
  check (status not in ('waiting', 'called', 'serving', 'done', 'missed') or checked_in_at is not null),
  check (status not in ('called', 'serving') or window_id is not null)
);

-- One active ticket per person per category per day (§3).
create unique index queue_tickets_one_active_idx on queue_tickets (user_id, category_id, service_date)
  where status in ('waiting_checkin', 'waiting', 'called', 'serving');
-- An appointment converts into one ticket at most.
create unique index queue_tickets_appointment_idx on queue_tickets (appointment_id) where appointment_id is not null;
create index queue_tickets_line_idx on queue_tickets (hall_id, service_date, category_id, queued_at) where status = 'waiting';
create index queue_tickets_window_idx on queue_tickets (window_id) where status in ('called', 'serving');
create index queue_tickets_user_idx on queue_tickets (user_id, issued_at desc);
create index queue_tickets_deadline_idx on queue_tickets (checkin_deadline) where status = 'waiting_checkin';
create index queue_tickets_handled_idx on queue_tickets (category_id, ended_at desc) where status = 'done';
