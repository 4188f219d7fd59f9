-- Issue 13 #1: stored answers held personal data and pickup codes in plain JSON and were never deleted.
-- They are dropped here; from now on the answer is sealed with the data key (AES-256-GCM), a
-- fingerprint of method + path + body refuses a key reused for another request, and rows expire
-- after 24 hours (job 'idempotency-expiry').
delete from idempotency_keys;
alter table idempotency_keys drop column response;
alter table idempotency_keys add column response_sealed text;
alter table idempotency_keys add column request_hash text not null;
create index idempotency_keys_created_at on idempotency_keys (created_at);
