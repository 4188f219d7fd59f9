-- 证照通 (issue 20): a case that is one item of a 一件事 application (theme module). Its files and materials are
-- pre-review's as usual; it is submitted with the application's other cases, decided by the item's department
-- through the theme's joint review (联审), and answered in the application's one combined notice. It is kept out
-- of the hall's pre-review queue, the applicant's case list and the draft limit, which count single cases.
alter table cases add column joint boolean not null default false;

drop index cases_queue_idx;
create index cases_queue_idx on cases (hall_id, submitted_at) where status in ('submitted', 'reviewing') and not joint;
