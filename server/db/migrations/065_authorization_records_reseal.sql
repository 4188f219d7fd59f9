-- Signed authorization records hold the signature PNG and the PDF sealed with the data key. For a
-- DATA_KEY rotation to retire the old key, those sealed values must be re-sealed under the new one, so
-- the append-only guard now allows exactly that: an update that changes only data_enc,
-- signature_png_enc and pdf_enc, each to a value sealed under a different key id (the prefix before the
-- first ':'). Hashes, digest, server signature and signing time never change, so /verify still proves
-- the re-sealed content is what was signed. Deletes and truncates stay refused.

create function authorization_records_guard() returns trigger language plpgsql as $$
begin
  if tg_op <> 'UPDATE' then
    raise exception '% is append-only: % refused', tg_table_name, tg_op;
  end if;
  if (new.authorization_id, new.data_sha256, new.signature_sha256, new.pdf_sha256, new.digest, new.server_signature, new.key_fingerprint, new.signed_at)
       is distinct from
     (old.authorization_id, old.data_sha256, old.signature_sha256, old.pdf_sha256, old.digest, old.server_signature, old.key_fingerprint, old.signed_at)
     or (new.data_enc <> old.data_enc and split_part(new.data_enc, ':', 1) = split_part(old.data_enc, ':', 1))
     or (new.signature_png_enc <> old.signature_png_enc and split_part(new.signature_png_enc, ':', 1) = split_part(old.signature_png_enc, ':', 1))
     or (new.pdf_enc <> old.pdf_enc and split_part(new.pdf_enc, ':', 1) = split_part(old.pdf_enc, ':', 1)) then
    raise exception '% is append-only: only re-sealing under another data key is allowed', tg_table_name;
  end if;
  return new;
end
$$;

drop trigger authorization_records_append_only on authorization_records;
create trigger authorization_records_append_only before update or delete on authorization_records
  for each row execute function authorization_records_guard();
