-- Real-name bindings (issue #13 item 6): each records how strongly it was verified and by which
-- verifier (server/core/identity.ts), and a binding is whole or absent — never half-written.

alter table users add column real_name_strength text
  check (real_name_strength in ('check_digit', 'name_id_match', 'face_match'));
alter table users add column real_name_verifier text check (char_length(real_name_verifier) between 1 and 60);

-- Until now every binding was checked by its check digit only.
update users set real_name_strength = 'check_digit', real_name_verifier = 'check-digit-only' where id_number_index is not null;

alter table users add constraint users_real_name_whole check (
  (real_name_enc is null and id_number_enc is null and id_number_index is null and birth_date is null and sex is null and real_name_verified_at is null)
  or (real_name_enc is not null and id_number_enc is not null and id_number_index is not null and birth_date is not null and sex is not null and real_name_verified_at is not null)
);
-- Strength and verifier describe a binding, so they exist only with one. A bound row without them
-- (seeded directly) counts as check_digit, the weakest.
alter table users add constraint users_real_name_strength_bound check (
  id_number_index is not null or (real_name_strength is null and real_name_verifier is null)
);
