-- EMS tracking of shipped licences (issue 19): the pickup-ems-tracking job asks China Post about every shipped
-- parcel and keeps each scan it reports. The carrier reports the whole history on every poll: the unique key
-- (one scan = one parcel, operation, time and post office) stores a scan once however often it is seen.

alter table authorizations add column tracking_checked_at timestamptz;
create index authorizations_tracking_due_idx on authorizations (tracking_checked_at nulls first) where status = 'shipped';

create table ems_tracking_events (
  id bigint generated always as identity primary key,
  authorization_id uuid not null references authorizations (id),
  waybill_no text not null,
  op_code text not null,                   -- the carrier's operation code: 203 收寄, 702 投递下段, 704 妥投, …
  op_name text not null,
  op_time timestamptz not null,
  org_code text not null default '',
  org_city text,
  org_name text,                           -- the post office: where the parcel is, not who it is for
  description_enc text not null,           -- sealed: the carrier's text may name the signer, the courier and a delivery spot
  recorded_at timestamptz not null,
  unique (authorization_id, op_code, op_time, org_code)
);
create index ems_tracking_events_timeline_idx on ems_tracking_events (authorization_id, op_time);

-- Append-only like authorization_events: a scan once recorded is evidence of the delivery.
create trigger ems_tracking_events_append_only before update or delete on ems_tracking_events
  for each row execute function pickup_refuse_change();
create trigger ems_tracking_events_no_truncate before truncate on ems_tracking_events
  for each statement execute function pickup_refuse_change();
