-- Material pre-review (材料预审): extends the foundation's `cases` table (base columns unchanged) with
-- what pre-review needs, plus per-material state, uploaded files, issued notices and the history.
--
-- cases.status values (transition table: src/domain/review.ts TRANSITIONS; TypeScript union:
-- server/modules/review/schemas.ts CaseStatus):
--   draft              草稿      created by the applicant, files being uploaded
--   submitted          已提交    waiting in the hall's reviewer queue
--   reviewing          预审中    a reviewer opened it
--   approved           预审通过  all required materials pass; the applicant books or comes once
--   needs_fix          需补正    one-time notice issued; the applicant replaces the returned files
--   deferred_approved  容缺通过  accepted with deferred (容缺) materials due by supplement_due_date
--   rejected           不予受理  with reason and competent authority
--   withdrawn          已撤回    by the applicant
--   expired            已过期    draft left alone, or 补正 / 容缺 deadline passed

alter table cases add constraint cases_status_check check (status in
  ('draft', 'submitted', 'reviewing', 'approved', 'needs_fix', 'deferred_approved', 'rejected', 'withdrawn', 'expired'));

alter table cases add column submitted_at timestamptz;
alter table cases add column first_submitted_at timestamptz;
alter table cases add column reviewer_user_id uuid references users (id);
alter table cases add column decided_at timestamptz;
alter table cases add column fix_due_date date;
alter table cases add column supplement_due_date date;
alter table cases add column pledge_version text;
alter table cases add column pledge_confirmed_at timestamptz;
alter table cases add column file_bytes bigint not null default 0;
alter table cases add constraint cases_file_bytes_check check (file_bytes >= 0);
alter table cases add constraint cases_pledge_check check ((pledge_version is null) = (pledge_confirmed_at is null));

-- The reviewer queue: submitted/reviewing cases of a hall, oldest first.
create index cases_queue_idx on cases (hall_id, submitted_at) where status in ('submitted', 'reviewing');

-- What the expiry job looks at.
create index cases_expiry_idx on cases (status, updated_at) where status in ('draft', 'needs_fix', 'deferred_approved');

-- Case numbers YS-YYYYMMDD-NNNNNN count per Shanghai day; the upsert serialises concurrent creations.
create table case_number_counters (
  day date primary key,
  last_value int not null check (last_value > 0)
);

create table case_materials (
  case_id uuid not null references cases (id) on delete cascade,
  material_code text not null,
  file_count int not null default 0 check (file_count >= 0),
  deferred boolean not null default false,
  verdict text check (verdict in ('pass', 'problem')),
  reasons text[] not null default '{}',
  review_note text,
  marked_by uuid references users (id),
  marked_at timestamptz,
  -- Set when the applicant changes this material's files, cleared by a 需补正 decision: a returned
  -- material must change before the case can be resubmitted.
  changed_at timestamptz,
  primary key (case_id, material_code)
);

create table case_files (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases (id) on delete cascade,
  material_code text not null,
  storage_key text not null unique,          -- generated; never derived from the uploaded name
  original_name text not null,               -- sanitised, for display only
  kind text not null check (kind in ('image', 'pdf')),
  mime_type text not null,
  size_bytes bigint not null check (size_bytes > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  width int,
  height int,
  pages int,
  checks text[] not null default '{}',
  uploaded_by uuid not null references users (id),
  created_at timestamptz not null,
  foreign key (case_id, material_code) references case_materials (case_id, material_code) on delete cascade
);
create index case_files_case_idx on case_files (case_id, material_code, created_at);

-- Notices issued to the applicant (一次性告知, 容缺受理告知, 不予受理告知): a snapshot of what was said.
create table case_notices (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases (id) on delete cascade,
  kind text not null check (kind in ('needs_fix', 'deferral', 'rejection')),
  issued_by uuid references users (id),
  issued_at timestamptz not null,
  due_date date,
  body jsonb not null
);
create index case_notices_case_idx on case_notices (case_id, issued_at desc);

-- Every state change: who, when, from, to, note. Append-only (trigger below).
create table case_history (
  id bigint generated always as identity primary key,
  case_id uuid not null references cases (id),
  actor_user_id uuid references users (id),
  actor text not null check (actor in ('applicant', 'reviewer', 'system')),
  from_status text,
  to_status text not null,
  note text,
  created_at timestamptz not null
);
create index case_history_case_idx on case_history (case_id, id);

create or replace function case_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name using errcode = '55000';
end
$$;

create trigger case_history_append_only before update or delete on case_history
  for each row execute function case_log_refuse_change();
create trigger case_history_no_truncate before truncate on case_history
  for each statement execute function case_log_refuse_change();
create trigger case_notices_append_only before update or delete on case_notices
  for each row execute function case_log_refuse_change();
