-- Enterprise name self-declaration (企业名称自主申报): the register of existing names synced from the
-- market regulator, and the names citizens reserve here. Collisions are searched within one 设区的市
-- (city_code), by 字号, by its pinyin, and by containment (one 字号 inside another).

-- The city-scoped two-character pieces of a 字号 ('510100锦程' for 锦程 in Chengdu). A GIN index over them
-- finds every 字号 containing another, including two-character ones that have no pg_trgm trigram.
-- (plpgsql: on PGlite it indexes twice as fast as the same loop written with generate_series in SQL.)
create function name_zihao_grams(city text, zihao text) returns text[] language plpgsql immutable parallel safe as $$
declare
  grams text[] := '{}';
begin
  for i in 1 .. char_length(zihao) - 1 loop
    grams := grams || (city || substr(zihao, i, 2));
  end loop;
  return grams;
end
$$;

create table name_register (
  id bigint generated always as identity primary key,
  city_code text not null check (city_code ~ '^\d{6}$'),
  name text not null check (char_length(name) between 2 and 100),
  division text not null default '',
  zihao text not null check (zihao <> ''),
  zihao_pinyin text not null,
  industry text not null default '',
  industry_group text,
  form text not null default '',
  status text not null check (status in ('registered', 'reserved', 'cancelled', 'changed')),
  status_date date not null,
  expires_at timestamptz,                   -- reserved names: end of the reservation (Reg 18)
  source text not null check (source in ('import', 'demo')),
  synced_at timestamptz not null,
  unique (city_code, name),
  check ((status = 'reserved') = (expires_at is not null))
);
create index name_register_zihao_idx on name_register (city_code, zihao);
create index name_register_pinyin_idx on name_register (city_code, zihao_pinyin);
create index name_register_grams_idx on name_register using gin (name_zihao_grams(city_code, zihao));

create sequence name_reservation_seq;

create table name_reservations (
  id uuid primary key default gen_random_uuid(),
  number text not null unique,              -- 名称保留号 shown on the 名称自主申报告知书
  user_id uuid not null references users (id),
  location_code text not null check (location_code ~ '^\d{6}$'),
  city_code text not null check (city_code ~ '^\d{6}$'),
  entity_type text not null check (entity_type in ('llc', 'joint_stock', 'general_partnership', 'special_general_partnership', 'limited_partnership', 'sole_proprietorship', 'branch')),
  foreign_invested boolean not null,
  name text not null,
  -- What makes two declarations the same name (§1.6): 字号 + industry, or the whole name for a branch.
  name_key text not null,
  parts jsonb not null,
  division text not null,
  zihao text not null,
  zihao_pinyin text not null,
  industry text not null,
  industry_group text,
  form text not null,
  pre_approval boolean not null,
  status text not null check (status in ('active', 'released', 'expired')),
  reserved_at timestamptz not null,
  expires_at timestamptz not null check (expires_at > reserved_at),
  ended_at timestamptz,
  commitment_version text not null,
  commitment_text text not null,
  risk_confirmed boolean not null,
  findings jsonb not null,
  check ((status = 'active') = (ended_at is null))
);
-- Two applicants reserving the same name at once: exactly one insert succeeds.
create unique index name_reservations_active_key on name_reservations (city_code, name_key) where status = 'active';
create index name_reservations_zihao_idx on name_reservations (city_code, zihao) where status = 'active';
create index name_reservations_pinyin_idx on name_reservations (city_code, zihao_pinyin) where status = 'active';
create index name_reservations_grams_idx on name_reservations using gin (name_zihao_grams(city_code, zihao)) with (fastupdate = off) where status = 'active';
create index name_reservations_user_idx on name_reservations (user_id, reserved_at desc);
create index name_reservations_expiry_idx on name_reservations (expires_at) where status = 'active';

-- The collision lookup of POST /names/check (Reg 17, §1.6) as a function: PL/pgSQL keeps its plan per
-- connection, where the same statement sent from the BFF was planned anew each time (planning took four
-- times as long as running it). Each arm walks its own index: the same 字号 or one inside it, the same
-- pinyin, a 字号 containing it, and active reservations by others.
create function name_collision_candidates(p_city text, p_zihaos text[], p_pinyin text, p_zihao text, p_now timestamptz, p_year_ago date, p_user uuid)
returns table (name text, zihao text, zihao_pinyin text, industry text, industry_group text, division text, form text, status text)
language plpgsql stable as $$
#variable_conflict use_column
begin
  return query
    (select r.name, r.zihao, r.zihao_pinyin, r.industry, r.industry_group, r.division, r.form, r.status from name_register r
      where r.city_code = p_city and r.zihao = any(p_zihaos)
        and (r.status = 'registered' or (r.status = 'reserved' and r.expires_at > p_now) or (r.status in ('cancelled', 'changed') and r.status_date > p_year_ago))
      limit 500)
    union all
    (select r.name, r.zihao, r.zihao_pinyin, r.industry, r.industry_group, r.division, r.form, r.status from name_register r
      where r.city_code = p_city and r.zihao_pinyin = p_pinyin and r.zihao <> p_zihao
        and (r.status = 'registered' or (r.status = 'reserved' and r.expires_at > p_now) or (r.status in ('cancelled', 'changed') and r.status_date > p_year_ago))
      limit 100)
    union all
    (select r.name, r.zihao, r.zihao_pinyin, r.industry, r.industry_group, r.division, r.form, r.status from name_register r
      -- A one-character 字号 has no pieces, and every array contains the empty one.
      where char_length(p_zihao) >= 2 and name_zihao_grams(r.city_code, r.zihao) @> name_zihao_grams(p_city, p_zihao) and strpos(r.zihao, p_zihao) > 0 and r.zihao <> p_zihao
        and (r.status = 'registered' or (r.status = 'reserved' and r.expires_at > p_now) or (r.status in ('cancelled', 'changed') and r.status_date > p_year_ago))
      limit 100)
    union all
    (select v.name, v.zihao, v.zihao_pinyin, v.industry, v.industry_group, v.division, v.form, 'reserved'::text from name_reservations v
      where v.city_code = p_city and v.status = 'active' and v.expires_at > p_now and v.user_id is distinct from p_user
        and (v.zihao = any(p_zihaos) or v.zihao_pinyin = p_pinyin
             or (char_length(p_zihao) >= 2 and name_zihao_grams(v.city_code, v.zihao) @> name_zihao_grams(p_city, p_zihao) and strpos(v.zihao, p_zihao) > 0))
      limit 100);
end
$$;
