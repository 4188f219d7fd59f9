-- Consent records (issue 16/23), kept by the account module (me): each agreement a person accepted — 《用户服务协议》, 《隐私政策》, and the
-- separate consent to process the ID number (PIPL art. 29) — with its version, when and where; withdrawal
-- is recorded on the row. The current versions live in src/domain/legal.ts; a sign-in accepts the current
-- 协议 and 政策, and a person whose latest live consent is older is asked again.
create table consent_records (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id),
  document text not null check (document in ('terms', 'privacy', 'sensitive')),
  version text not null check (length(version) between 1 and 40),
  accepted_at timestamptz not null,
  channel text not null check (channel in ('sms_login', 'wechat_login', 'real_name', 'in_app')),
  withdrawn_at timestamptz
);
-- One live consent per person, document and version: repeated sign-ins do not pile up rows.
create unique index consent_records_live_idx on consent_records (user_id, document, version) where withdrawn_at is null;
create index consent_records_user_idx on consent_records (user_id, accepted_at desc);

-- The consent records prove that processing had the person's consent (PIPL arts. 14, 69: the processor
-- bears the burden of proof), so 注销账号 keeps them detached from the tombstone like the other records.
insert into retention_policies (kind, label, retention_days, counted_from, legal_basis, action) values
  ('consent_record', '协议与授权同意记录', null, '同意或撤回',
   '《个人信息保护法》第十四条、第六十九条：处理者须能证明已取得个人同意，同意及撤回记录作为证明留存', 'keep');
