-- A scan's text is sealed with the data key; after a DATA_KEY rotation it must be re-sealed under the new key
-- before the old one is retired (like authorization_records, migration 065). The append-only guard of
-- ems_tracking_events now accepts exactly that: an update changing only description_enc, to a value sealed under
-- another key id (the prefix before the first ':'). Deletes and truncates stay refused.

create function ems_tracking_events_guard() returns trigger language plpgsql as $$
begin
  if tg_op <> 'UPDATE' then
    raise exception '% is append-only: % refused', tg_table_name, tg_op;
  end if;
  if (new.id, new.authorization_id, new.waybill_no, new.op_code, new.op_name, new.op_time, new.org_code, new.org_city, new.org_name, new.recorded_at)
       is distinct from
     (old.id, old.authorization_id, old.waybill_no, old.op_code, old.op_name, old.op_time, old.org_code, old.org_city, old.org_name, old.recorded_at)
     or split_part(new.description_enc, ':', 1) = split_part(old.description_enc, ':', 1) then
    raise exception '% is append-only: only re-sealing under another data key is allowed', tg_table_name;
  end if;
  return new;
end
$$;

drop trigger ems_tracking_events_append_only on ems_tracking_events;
create trigger ems_tracking_events_append_only before update or delete on ems_tracking_events
  for each row execute function ems_tracking_events_guard();
