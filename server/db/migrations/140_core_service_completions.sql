-- Services finished by any module, in the transaction that finished them (core/service-completions.ts):
-- an outbox of facts that other modules consume without reading the finishing module's tables. A consumer
-- (the rating module's invitation job) claims rows with `for update skip locked` and deletes what it handled.
create table service_completions (
  id bigserial primary key,
  kind text not null check (kind in ('queue', 'review', 'pickup', 'name')),
  -- The finishing module's own id of the service (ticket, case, licence, name reservation).
  service_id text not null,
  user_id uuid not null references users (id) on delete cascade,
  -- Null for services that belong to no hall (名称自主申报 is online, city-wide).
  hall_id text references halls (id),
  window_id text references hall_windows (id),
  staff_user_id uuid references users (id),
  -- What the citizen recognises the service by, e.g. 取号 A012 · 综合窗口.
  title text not null check (length(title) between 1 and 120),
  completed_at timestamptz not null,
  unique (kind, service_id)
);
create index service_completions_completed_idx on service_completions (completed_at);
