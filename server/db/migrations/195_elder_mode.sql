-- 长辈版 (issue #16): the account remembers the reading mode its owner chose, so it follows them to a new
-- device at login. Null: never chosen (the app then offers it once).
alter table users add column elder_mode boolean;
