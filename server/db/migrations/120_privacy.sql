-- Personal data rights (issue #23): retention as data, background exports of a person's data, account
-- deletion with a cooling-off period. docs/security.md explains each retention kind and its legal basis.

-- One row per kind of record: how long it is kept and why. The retention job (modules/privacy) reads
-- `retention_days` from here; kinds with action 'keep' are administrative records the job never touches.
create table retention_policies (
  kind text primary key,
  label text not null,                              -- Chinese, shown on 个人信息与隐私
  retention_days int check (retention_days > 0),    -- null: kept for the legal archive period (see legal_basis)
  counted_from text not null,                       -- Chinese: what the period runs from
  legal_basis text not null,
  action text not null check (action in ('delete', 'keep')),
  check ((action = 'delete') = (retention_days is not null))
);

insert into retention_policies (kind, label, retention_days, counted_from, legal_basis, action) values
  ('session', '登录会话', 30, '会话过期或退出登录', '《个人信息保护法》第十九条：保存期限为实现处理目的所必要的最短时间', 'delete'),
  ('sms_code', '短信验证码记录', 1, '验证码过期', '《个人信息保护法》第十九条', 'delete'),
  ('idempotency_key', '重复提交防护记录', 1, '请求提交', '《个人信息保护法》第十九条', 'delete'),
  ('draft_case', '未提交的办件草稿及上传材料', 30, '草稿最后修改', '《个人信息保护法》第十九条、第四十七条：处理目的已实现或不再必要', 'delete'),
  ('message', '站内消息', 365, '消息发送', '《个人信息保护法》第十九条', 'delete'),
  ('outbox', '微信提醒发送记录', 30, '提醒发送完成或失败', '《个人信息保护法》第十九条', 'delete'),
  ('privacy_export', '个人信息副本', 3, '副本生成', '《个人信息保护法》第四十五条：按本人请求提供的副本，过期即删除', 'delete'),
  ('appointment', '预约与取号记录', 365, '预约或取号日期', '《个人信息保护法》第十九条', 'delete'),
  ('ended_name_reservation', '已失效的名称保留', 365, '保留失效或释放', '《企业名称登记管理规定》第十八条：保留期满不办理登记的名称自动失效', 'delete'),
  ('audit_entry', '操作日志', 1095, '操作发生', '《网络安全法》第二十一条：网络日志留存不少于六个月', 'delete'),
  ('submitted_case', '已提交的办件（含提交的材料、预审意见）', null, '办结', '《行政许可法》第四十条、《机关档案管理规定》：行政许可办件材料作为文书档案按期保存（30年）', 'keep'),
  ('name_reservation', '企业名称自主申报与保留记录', null, '申报', '《企业名称登记管理规定》及其实施办法：名称申报记录是登记机关的行政记录', 'keep'),
  ('authorization', '签署的取件委托书及其签名', null, '签署', '《电子签名法》第二十四条：电子签名认证相关信息保存至失效后五年；委托书随办件归档', 'keep');

-- A copy of everything OneTrip holds about a person (PIPL art. 45), built in the background as an
-- encrypted zip under DATA_DIR/exports and downloadable by its owner until `expires_at`.
create table privacy_exports (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  status text not null check (status in ('pending', 'ready', 'failed')),
  requested_at timestamptz not null,
  ready_at timestamptz,
  expires_at timestamptz,
  size_bytes bigint,
  check ((status = 'ready') = (ready_at is not null and expires_at is not null))
);
create unique index privacy_exports_one_pending_idx on privacy_exports (user_id) where status = 'pending';
create index privacy_exports_user_idx on privacy_exports (user_id, requested_at desc);

-- 注销账号: requested, then carried out by a job after the cooling-off period unless a sign-in cancels it.
-- Once carried out, `user_id` points at the de-identified tombstone the kept records still reference, and
-- `id_number_index` (the blind index, never the number) lets staff find those records by verified identity.
create table account_deletions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id),
  status text not null check (status in ('requested', 'cancelled', 'completed')),
  requested_at timestamptz not null,
  effective_at timestamptz not null check (effective_at > requested_at),
  cancelled_at timestamptz,
  completed_at timestamptz,
  id_number_index text,
  check ((status = 'cancelled') = (cancelled_at is not null)),
  check ((status = 'completed') = (completed_at is not null))
);
create unique index account_deletions_one_open_idx on account_deletions (user_id) where status = 'requested';
create index account_deletions_due_idx on account_deletions (effective_at) where status = 'requested';
create index account_deletions_identity_idx on account_deletions (id_number_index) where id_number_index is not null;

-- A deleted account stays only as a tombstone without any identifier, so the kept administrative
-- records keep a valid reference; the same phone signs in to a new account.
alter table users add column deleted_at timestamptz;
alter table users drop constraint users_check;
alter table users add constraint users_identifiable check (deleted_at is not null or phone_index is not null or wechat_openid is not null);
alter table users add constraint users_tombstone_empty check (
  deleted_at is null or (phone_index is null and phone_enc is null and wechat_openid is null and wechat_session_key_enc is null and real_name_enc is null)
);

-- A case that was never submitted is not an administrative record: its history may go with it (drafts
-- past their retention, account deletion). Submitted cases' history stays append-only.
create or replace function case_history_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and exists (select 1 from cases c where c.id = old.case_id and c.status in ('draft', 'expired', 'withdrawn')
                                          and c.submitted_at is null and c.first_submitted_at is null) then
    return old;
  end if;
  raise exception '% is append-only', tg_table_name using errcode = '55000';
end
$$;
drop trigger case_history_append_only on case_history;
create trigger case_history_append_only before update or delete on case_history
  for each row execute function case_history_guard();
