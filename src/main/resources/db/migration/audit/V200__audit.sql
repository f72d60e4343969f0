-- Append-only audit trail. Each tenant (and the platform: tenant_id null, chain = nil uuid) has its own hash
-- chain: hash = sha256(prev_hash | canonical entry). Updates and deletes are refused by a trigger; whoever
-- bypasses it (a superuser disabling the trigger) is exposed by the chain check.
create table audit_entries (
    id           uuid primary key,
    chain        uuid not null,
    seq          bigint not null,
    tenant_id    uuid,
    at           timestamptz not null,
    actor_kind   text not null,
    actor_id     text not null,
    actor_name   text not null,
    action       text not null,
    target_type  text,
    target_id    text,
    outcome      text not null,
    client_ip    text,
    details      jsonb not null default '{}'::jsonb,
    prev_hash    text not null,
    hash         text not null,
    unique (chain, seq)
);
create index audit_entries_tenant_at on audit_entries (tenant_id, at desc);

create or replace function audit_entries_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entries is append-only';
end $$;
create trigger audit_entries_no_update before update or delete on audit_entries
    for each row execute function audit_entries_append_only();
