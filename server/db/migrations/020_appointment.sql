-- Appointments (预约, domain README §4). The rules that must hold under concurrency are constraints
-- here: a slot's `booked <= capacity` check with the conditional increment in the booking
-- transaction (never overbook), and partial unique indexes (one booking per person per day, one
-- active booking per item). The service only turns refusals into messages.

-- Practice values per hall (§4 is practice, so configurable); the seed writes the defaults.
create table appointment_settings (
  hall_id text primary key references halls (id),
  slot_minutes int not null check (slot_minutes in (30, 60)),
  horizon_days int not null check (horizon_days between 1 and 7),
  -- Booking for a day closes at this time on the calendar day before.
  booking_close_time text not null check (booking_close_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  cancel_cutoff_minutes int not null check (cancel_cutoff_minutes between 0 and 1440),
  checkin_before_minutes int not null check (checkin_before_minutes between 0 and 120),
  checkin_after_minutes int not null check (checkin_after_minutes between 0 and 120),
  no_show_limit int not null check (no_show_limit between 1 and 10),
  no_show_window_days int not null check (no_show_window_days between 1 and 365),
  block_days int not null check (block_days between 1 and 365),
  updated_at timestamptz,
  updated_by uuid references users (id)
);

-- Places per slot, per hall and queue category of the booked item.
create table appointment_capacities (
  hall_id text not null references halls (id),
  category_code text not null,
  capacity int not null check (capacity between 0 and 500),
  primary key (hall_id, category_code),
  foreign key (hall_id, category_code) references queue_categories (hall_id, code)
);

-- Extra closures staff mark on top of the holiday calendar (a training afternoon, a year whose
-- holidays are not in the calendar data yet).
create table appointment_closures (
  id uuid primary key default gen_random_uuid(),
  hall_id text not null references halls (id),
  service_date date not null,
  start_time text not null check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  end_time text not null check (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and end_time > start_time),
  reason text not null check (length(reason) between 1 and 60),
  created_by uuid references users (id),
  created_at timestamptz not null
);
create index appointment_closures_day_idx on appointment_closures (hall_id, service_date);

-- Slots are written the first time a day is shown, from the hall's settings at that moment.
create table appointment_slots (
  id uuid primary key default gen_random_uuid(),
  hall_id text not null references halls (id),
  category_code text not null,
  service_date date not null,
  start_time text not null,
  end_time text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  capacity int not null check (capacity >= 0),
  booked int not null default 0 check (booked >= 0),
  check (booked <= capacity),
  unique (hall_id, category_code, service_date, start_time),
  foreign key (hall_id, category_code) references queue_categories (hall_id, code)
);

create table appointments (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  hall_id text not null references halls (id),
  item_id text not null references service_items (id),
  category_code text not null,
  -- A slot without bookings may be rebuilt when staff change the slot length; the booking keeps its own times.
  slot_id uuid references appointment_slots (id) on delete set null,
  service_date date not null,
  start_time text not null,
  end_time text not null,
  starts_at timestamptz not null,
  -- Shown as a QR code at the hall; staff look the booking up by it.
  voucher text not null unique check (voucher ~ '^[0-9A-Z]{8}$'),
  status text not null check (status in ('booked', 'checked_in', 'cancelled', 'no_show')),
  created_at timestamptz not null,
  cancelled_at timestamptz,
  cancel_reason text check (cancel_reason in ('citizen', 'hall_closure')),
  checked_in_at timestamptz,
  checkin_method text check (checkin_method in ('qr', 'geofence', 'staff')),
  ticket_id uuid references queue_tickets (id),
  no_show_at timestamptz,
  reminded_day_before_at timestamptz,
  reminded_hour_before_at timestamptz,
  check ((status = 'cancelled') = (cancelled_at is not null)),
  check ((status = 'checked_in') = (checked_in_at is not null)),
  check ((status = 'no_show') = (no_show_at is not null))
);
-- One booking per person per day; one active booking per item (§4).
create unique index appointments_one_per_day_idx on appointments (user_id, service_date) where status in ('booked', 'checked_in');
create unique index appointments_one_per_item_idx on appointments (user_id, item_id) where status = 'booked';
create index appointments_user_idx on appointments (user_id, starts_at desc);
create index appointments_slot_idx on appointments (slot_id);
create index appointments_hall_day_idx on appointments (hall_id, service_date, start_time);
create index appointments_open_idx on appointments (starts_at) where status = 'booked';
create index appointments_no_show_idx on appointments (user_id, hall_id, no_show_at) where status = 'no_show';

-- A booking block after repeated no-shows (§4: 2 in 30 days → 90 days), per hall.
create table appointment_blocks (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  hall_id text not null references halls (id),
  -- The last blocked day, inclusive.
  blocked_until date not null,
  no_shows int not null check (no_shows > 0),
  created_at timestamptz not null
);
create index appointment_blocks_user_idx on appointment_blocks (user_id, hall_id, blocked_until desc);
