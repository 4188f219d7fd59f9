-- Phone change with SMS verification (issue 23): the code goes to the NEW phone and shares the login codes'
-- table, so the resend interval and the daily limit per phone hold across both purposes. A phone-change
-- code never logs anyone in, and a login code never changes a phone (its hash also binds the account).
alter table sms_codes add column purpose text not null default 'login' check (purpose in ('login', 'phone_change'));
drop index sms_codes_phone_idx;
create index sms_codes_phone_idx on sms_codes (phone_index, purpose, sent_at desc);
