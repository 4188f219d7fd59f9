-- 政务服务"好差评" (国办发〔2019〕51号, docs/domain-rules.md §7): one rating per finished service, a follow-up
-- for every bad one, and the window tablets that collect ratings at the counter.

-- A finished service the citizen is invited to rate (from core's service_completions, once per service).
create table rating_services (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('queue', 'review', 'pickup', 'name')),
  service_id text not null,
  user_id uuid not null references users (id),
  hall_id text references halls (id),
  window_id text references hall_windows (id),
  staff_user_id uuid references users (id),
  title text not null,
  completed_at timestamptz not null,
  invited_at timestamptz not null,
  unique (kind, service_id)
);
create index rating_services_user_idx on rating_services (user_id, completed_at desc);
-- The window tablet shows the window's last finished ticket.
create index rating_services_window_idx on rating_services (window_id, completed_at desc) where window_id is not null;

-- 一次一评、一事一评: the unique (kind, service_id) holds it for every writer, a concurrent double submit included.
create table ratings (
  id uuid primary key default gen_random_uuid(),
  kind text not null,
  service_id text not null,
  user_id uuid not null references users (id),
  hall_id text references halls (id),
  level smallint not null check (level between 1 and 5),
  reasons text[] not null default '{}',
  -- The citizen's own words: personal data, sealed (AES-256-GCM, core/crypto.ts).
  comment_enc text,
  channel text not null check (channel in ('app', 'kiosk')),
  rated_at timestamptz not null,
  updated_at timestamptz not null,
  -- The citizen may change the rating until this instant (src/domain/rating.ts RATING_CHANGE_HOURS).
  changeable_until timestamptz not null,
  unique (kind, service_id),
  foreign key (kind, service_id) references rating_services (kind, service_id)
);
-- The dashboard's satisfaction rate and bad-rating list by hall and date range.
create index ratings_hall_rated_idx on ratings (hall_id, rated_at);

-- 差评整改: 回访 (contact the citizen) then 整改 (rectify), each with a working-day deadline.
create table rating_follow_ups (
  rating_id uuid primary key references ratings (id),
  hall_id text references halls (id),
  status text not null check (status in ('open', 'visited', 'rectified', 'withdrawn')),
  opened_at timestamptz not null,
  visit_due_at timestamptz not null,
  rectify_due_at timestamptz not null,
  visited_at timestamptz,
  visited_by uuid references users (id),
  visit_note_enc text,
  rectified_at timestamptz,
  rectified_by uuid references users (id),
  rectify_note_enc text,
  -- Set once by the escalation job when the step's deadline passed undone.
  visit_overdue_at timestamptz,
  rectify_overdue_at timestamptz,
  check ((status in ('visited', 'rectified')) = (visited_at is not null) or status = 'withdrawn'),
  check ((status = 'rectified') = (rectified_at is not null))
);
create index rating_follow_ups_hall_idx on rating_follow_ups (hall_id, status, opened_at);
create index rating_follow_ups_due_idx on rating_follow_ups (visit_due_at, rectify_due_at) where status in ('open', 'visited');

-- A window tablet (评价器), bound to one window by a staff login; it holds a token, never a staff session.
create table rating_kiosks (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  hall_id text not null references halls (id),
  window_id text not null references hall_windows (id),
  bound_by uuid not null references users (id),
  bound_at timestamptz not null,
  revoked_at timestamptz
);
-- One live tablet per window: binding a new one revokes the old one in the same transaction.
create unique index rating_kiosks_window_live_idx on rating_kiosks (window_id) where revoked_at is null;
