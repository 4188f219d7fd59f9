-- One WeChat access_token per mini-program, shared by every BFF instance (issue 19): WeChat keeps only
-- the newest token valid for long, so instances that each fetched their own would invalidate each other.
-- The token is a credential: sealed with the data key like personal data.
create table wechat_access_tokens (
  app_id text primary key,
  token_sealed text not null,
  expires_at timestamptz not null,
  refreshed_at timestamptz not null
);
