-- Review's published read of its cases (issue 15): what another module may know of a case without
-- reading review's `cases` table. Pickup's licence lists and 待出证 join this view; review may change
-- `cases` freely as long as this view keeps its columns and meaning.
--   approved     the case is 预审通过 now (a licensed case stays so: trigger cases_licensed_stay_approved)
--   approved_at  when it was approved (its decision, else its last change); null unless approved
-- `approved` is the bare status test, so a filter on it still uses the partial index cases_approved_hall_idx.
create view review_case_directory as
  select c.id as case_id, c.case_number, c.user_id, c.hall_id, c.item_id,
         c.status = 'approved' as approved,
         case when c.status = 'approved' then coalesce(c.decided_at, c.updated_at) end as approved_at
    from cases c;
