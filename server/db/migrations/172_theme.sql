-- 证照通 一件事一次办 (issue 20): one application for a whole undertaking (a theme of src/domain/theme-catalog.ts).
-- Each item the questionnaire selected is a pre-review case (cases.joint, migration 171) decided by the item's
-- department; the application collects the decisions per round and issues one combined 一次性告知.

-- Which departments' items a hall's reviewer decides in joint review (a reviewer may serve several).
create table theme_reviewers (
  user_id uuid not null references users (id) on delete cascade,
  hall_id text not null references halls (id),
  department text not null,
  primary key (user_id, hall_id, department)
);
create index theme_reviewers_department_idx on theme_reviewers (hall_id, department);

--   draft      待提交   created from the questionnaire, materials being uploaded
--   reviewing  联审中   submitted: every open item is in its department's queue for this round
--   needs_fix  需补正   the round's combined notice is out; the applicant replaces the returned materials
--   approved   全部通过 every item approved
create table theme_applications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id),
  hall_id text not null references halls (id),
  theme_id text not null,
  answers jsonb not null,
  status text not null check (status in ('draft', 'reviewing', 'needs_fix', 'approved')),
  round int not null default 0 check (round >= 0),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  submitted_at timestamptz,
  check ((status = 'draft') = (round = 0))
);
create index theme_applications_user_idx on theme_applications (user_id, created_at desc);
create index theme_applications_open_idx on theme_applications (hall_id, submitted_at) where status = 'reviewing';

-- The items of an application, each with its case and its department; `round` is the last round it was
-- submitted in (approved items stay out of later rounds).
create table theme_application_items (
  application_id uuid not null references theme_applications (id) on delete cascade,
  item_id text not null references service_items (id),
  sort int not null,
  department text not null,
  case_id uuid not null unique references cases (id) on delete cascade,
  status text not null check (status in ('draft', 'reviewing', 'needs_fix', 'approved')),
  round int not null default 0,
  primary key (application_id, item_id)
);

-- One decision per item and round: the primary key makes a second decision of the same round fail.
create table theme_decisions (
  application_id uuid not null,
  item_id text not null,
  round int not null check (round > 0),
  decision text not null check (decision in ('approve', 'needs_fix')),
  problems jsonb not null default '[]',
  reviewer_user_id uuid not null references users (id),
  decided_at timestamptz not null,
  primary key (application_id, item_id, round),
  foreign key (application_id, item_id) references theme_application_items (application_id, item_id) on delete cascade
);

-- The combined 一次性告知 of a round: at most one per round (unique), a snapshot of what was said.
create table theme_notices (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references theme_applications (id) on delete cascade,
  round int not null,
  issued_at timestamptz not null,
  due_date date not null,
  body jsonb not null,
  unique (application_id, round)
);
