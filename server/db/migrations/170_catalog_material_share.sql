-- 证照通 (issue 20): materials that are the same document for several items (the applicant's ID, the lease,
-- the site plan, the power of attorney) carry one share key, so a theme asks for them once (src/domain/theme.ts).
alter table item_materials add column share_key text check (share_key in ('identity', 'premises', 'site_plan', 'agent'));
