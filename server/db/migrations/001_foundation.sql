-- Foundation: people, sessions, halls, the service-item catalog and the shared plumbing
-- (idempotency, in-app messages, outbox, audit). Feature modules add their own migrations.

create extension if not exists pg_trgm;

create table users (
  id uuid primary key default gen_random_uuid(),
  phone_index text unique,                 -- HMAC blind index of the normalised mobile number
  phone_enc text,                          -- AES-GCM sealed mobile number
  wechat_openid text unique,
  wechat_session_key_enc text,
  real_name_enc text,
  id_number_enc text,
  id_number_index text unique,             -- one account per real person
  birth_date date,                         -- derived from the ID number, kept for priority rules
  sex text check (sex in ('male', 'female')),
  real_name_verified_at timestamptz,
  created_at timestamptz not null default now(),
  check (phone_index is not null or wechat_openid is not null)
);

create table sessions (
  token_hash text primary key,             -- SHA-256 of the bearer token; the token itself is never stored
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_user_idx on sessions (user_id);

create table sms_codes (
  id uuid primary key default gen_random_uuid(),
  phone_index text not null,
  code_hash text not null,
  sent_at timestamptz not null,
  expires_at timestamptz not null,
  attempts int not null default 0,
  consumed_at timestamptz
);
create index sms_codes_phone_idx on sms_codes (phone_index, sent_at desc);

create table halls (
  id text primary key,
  name text not null,
  short_name text not null,
  address text not null,
  phone text not null,
  lat double precision not null,
  lng double precision not null,
  geofence_meters int not null check (geofence_meters > 0),
  city_code text not null,
  county_code text not null,
  open_time text not null check (open_time ~ '^\d\d:\d\d$'),
  close_time text not null check (close_time ~ '^\d\d:\d\d$' and close_time > open_time),
  take_cutoff_minutes int not null check (take_cutoff_minutes >= 0),
  sort int not null default 0
);

create table queue_categories (
  id text primary key,                     -- '<hall>-<code>'
  hall_id text not null references halls (id),
  code text not null check (code ~ '^[A-Z]$'),
  name text not null,
  daily_quota int not null check (daily_quota > 0),
  per_person_daily_cap int not null check (per_person_daily_cap > 0),
  avg_handle_minutes int not null check (avg_handle_minutes > 0),
  unique (hall_id, code)
);

create table hall_windows (
  id text primary key,                     -- '<hall>-w<number>'
  hall_id text not null references halls (id),
  number int not null check (number > 0),
  name text not null,
  category_codes text[] not null,
  priority boolean not null default false,
  unique (hall_id, number)
);

create table staff_roles (
  user_id uuid not null references users (id) on delete cascade,
  hall_id text not null references halls (id),
  role text not null check (role in ('staff', 'reviewer', 'clerk', 'admin')),
  window_id text references hall_windows (id),
  primary key (user_id, hall_id, role)
);

create table service_items (
  id text primary key,
  name text not null,
  department text not null,
  queue_category text not null,
  promised_days int not null check (promised_days > 0),
  statutory_days int not null check (statutory_days > 0),
  legal_basis text not null,
  conditions text not null,
  result_licence text,
  licence_copies text,
  fee text not null,
  keywords text[] not null default '{}',
  search_text text not null
);
create index service_items_search_idx on service_items using gin (search_text gin_trgm_ops);

create table item_materials (
  item_id text not null references service_items (id) on delete cascade,
  code text not null,
  sort int not null,
  name text not null,
  necessity text not null check (necessity in ('required', 'optional', 'deferrable')),
  is_main boolean not null,
  form text not null check (form in ('original', 'copy', 'original_and_copy', 'electronic')),
  copies int not null check (copies >= 0),
  formats text[] not null,
  max_size_mb int not null check (max_size_mb > 0),
  source text not null check (source in ('self', 'department', 'shared')),
  source_note text,
  notes text not null,
  has_blank_form boolean not null,
  has_example boolean not null,
  primary key (item_id, code),
  check (not (necessity = 'deferrable' and is_main))
);

create table hall_items (
  hall_id text not null references halls (id),
  item_id text not null references service_items (id),
  primary key (hall_id, item_id)
);

-- Replays of a POST with the same Idempotency-Key get the first answer back.
create table idempotency_keys (
  scope text not null,                     -- user id or 'anon:<ip>'
  key text not null,
  route text not null,
  status_code int,                         -- null while the first request is still running
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);

-- In-app messages every feature sends (ticket called, booking reminder, licence mailed…).
create table messages (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  kind text not null,
  title text not null,
  body text not null,
  link text,
  dedupe_key text unique,
  created_at timestamptz not null,
  read_at timestamptz
);
create index messages_user_idx on messages (user_id, created_at desc);

-- WeChat subscribe messages the user agreed to receive (one-time templates: one grant, one message).
create table subscribe_grants (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  template_kind text not null,
  granted_at timestamptz not null,
  used_at timestamptz
);
create index subscribe_grants_open_idx on subscribe_grants (user_id, template_kind) where used_at is null;

-- Outgoing WeChat messages, written in the same transaction as the change that causes them and
-- delivered by a worker; `dedupe_key` makes "send once" hold even if the cause is retried.
create table outbox (
  id uuid primary key default gen_random_uuid(),
  dedupe_key text not null unique,
  user_id uuid not null references users (id) on delete cascade,
  channel text not null check (channel in ('wechat_subscribe')),
  template_kind text not null,
  payload jsonb not null,
  created_at timestamptz not null,
  attempts int not null default 0,
  next_attempt_at timestamptz not null,
  delivered_at timestamptz,
  failed_at timestamptz,
  last_error text
);
create index outbox_pending_idx on outbox (next_attempt_at) where delivered_at is null and failed_at is null;

-- Cases (办件): created by pre-review, used by certificate pickup. Feature migrations extend it.
create table cases (
  id uuid primary key default gen_random_uuid(),
  case_number text not null unique,
  user_id uuid not null references users (id),
  hall_id text not null references halls (id),
  item_id text not null references service_items (id),
  status text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index cases_user_idx on cases (user_id, created_at desc);
create index cases_hall_status_idx on cases (hall_id, status);

create table audit_log (
  id bigint generated always as identity primary key,
  actor_user_id uuid references users (id),
  hall_id text,
  action text not null,
  target text not null,
  detail jsonb not null default '{}',
  created_at timestamptz not null
);
