-- Certificate pickup (domain rules §6): licences issued and ready to hand out, the principal's signed
-- 取件委托书 (EMS delivery or a named agent), the append-only signed record of each, and status events.

create table licences (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null unique references cases (id),
  name text not null,                      -- service_items.result_licence at issue time
  copies text not null,                    -- service_items.licence_copies, e.g. '正本1份、副本1份'
  issued_at timestamptz not null,
  issued_by uuid not null references users (id),
  status text not null default 'ready' check (status in ('ready', 'handed_over')),
  handed_over_at timestamptz,
  check ((status = 'handed_over') = (handed_over_at is not null))
);

-- Addresses a citizen chose to remember for the next delivery; every personal field sealed.
create table pickup_addresses (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  fingerprint text not null,               -- blind index of the whole address: remembering it twice keeps one row
  recipient_enc text not null,
  phone_enc text not null,
  province_code text not null check (province_code ~ '^\d{6}$'),
  city_code text not null check (city_code ~ '^\d{6}$'),
  district_code text not null check (district_code ~ '^\d{6}$'),
  address_enc text not null,
  last_used_at timestamptz not null,
  unique (user_id, fingerprint)
);

create sequence authorization_number_seq;

-- The living state of an authorization. What was signed is in authorization_records, never here.
create table authorizations (
  id uuid primary key,
  number text not null unique,
  licence_id uuid not null references licences (id),
  case_id uuid not null references cases (id),
  user_id uuid not null references users (id),
  hall_id text not null references halls (id),
  method text not null check (method in ('ems', 'agent')),
  status text not null,
  valid_until date not null,               -- last Shanghai day it may be acted on
  agent_id_index text,                     -- blind index of the agent's ID number, checked at the window
  ems_number text check (ems_number ~ '^[A-Z]{2}\d{9}CN$'),
  agent_verified_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((method = 'agent') = (agent_id_index is not null)),
  check (
    (method = 'ems' and status in ('awaiting_shipment', 'shipped', 'delivered', 'expired'))
    or (method = 'agent' and status in ('awaiting_pickup', 'collected', 'expired'))
  ),
  check (status not in ('shipped', 'delivered') or ems_number is not null),
  check (status <> 'collected' or agent_verified_at is not null)
);
-- One live authorization per licence: two taps on "确认签署" cannot both win.
create unique index authorizations_live_licence_idx on authorizations (licence_id) where status <> 'expired';
-- One waybill is one parcel.
create unique index authorizations_ems_number_idx on authorizations (ems_number) where ems_number is not null;
create index authorizations_user_idx on authorizations (user_id, created_at desc);
create index authorizations_hall_status_idx on authorizations (hall_id, status);

-- The signed record (电子签名法 13–14): sealed canonical data, signature PNG and PDF, their hashes and
-- the server's Ed25519 signature over them, with the signing time. Append-only.
create table authorization_records (
  authorization_id uuid primary key references authorizations (id),
  data_enc text not null,
  signature_png_enc text not null,
  pdf_enc text not null,
  data_sha256 text not null,
  signature_sha256 text not null,
  pdf_sha256 text not null,
  digest text not null,
  server_signature text not null,
  key_fingerprint text not null,
  signed_at timestamptz not null
);

create table authorization_events (
  id bigint generated always as identity primary key,
  authorization_id uuid not null references authorizations (id),
  kind text not null check (kind in ('signed', 'shipped', 'transit', 'delivered', 'agent_verified', 'collected', 'expired')),
  note text,
  actor_user_id uuid references users (id),
  created_at timestamptz not null
);
create index authorization_events_authorization_idx on authorization_events (authorization_id, id);

create function pickup_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op;
end
$$;

create trigger authorization_records_append_only before update or delete on authorization_records
  for each row execute function pickup_refuse_change();
create trigger authorization_records_no_truncate before truncate on authorization_records
  for each statement execute function pickup_refuse_change();
create trigger authorization_events_append_only before update or delete on authorization_events
  for each row execute function pickup_refuse_change();
create trigger authorization_events_no_truncate before truncate on authorization_events
  for each statement execute function pickup_refuse_change();
