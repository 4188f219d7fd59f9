-- A licence is registered only for an approved case (issue 14). The BFF inserts it with a conditional
-- `insert … select` on the locked case row; these triggers hold the rule for any other writer too:
-- no licence row for a case that is not approved, and a licensed case cannot leave `approved`.

create function licences_require_approved_case() returns trigger language plpgsql as $$
declare
  case_status text;
begin
  select status into case_status from cases where id = new.case_id for update;
  if case_status is distinct from 'approved' then
    raise exception 'licence for case % refused: case status is %', new.case_id, coalesce(case_status, 'missing')
      using errcode = 'check_violation', constraint = 'licences_case_approved';
  end if;
  return new;
end
$$;

create trigger licences_case_approved before insert or update of case_id on licences
  for each row execute function licences_require_approved_case();

create function cases_keep_licensed_approved() returns trigger language plpgsql as $$
begin
  if exists (select 1 from licences where case_id = new.id) then
    raise exception 'case % has a licence: status change % -> % refused', new.id, old.status, new.status
      using errcode = 'check_violation', constraint = 'cases_licensed_stay_approved';
  end if;
  return new;
end
$$;

create trigger cases_licensed_stay_approved before update of status on cases
  for each row when (old.status = 'approved' and new.status is distinct from 'approved')
  execute function cases_keep_licensed_approved();

-- 待出证: a hall's approved cases, oldest decision first.
create index cases_approved_hall_idx on cases (hall_id, decided_at) where status = 'approved';
