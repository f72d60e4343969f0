create table tenants (
    id          uuid primary key,
    slug        text not null,
    name        text not null,
    locale      text not null default 'de',
    time_zone   text not null default 'Europe/Berlin',
    settings    jsonb not null default '{}'::jsonb,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    deleted_at  timestamptz
);
create unique index tenants_slug_live on tenants (slug) where deleted_at is null;

-- tenant_id null = platform-level user (platform admins)
create table users (
    id             uuid primary key,
    tenant_id      uuid references tenants (id),
    username       text not null,
    email          text,
    display_name   text,
    password_hash  text,
    roles          text[] not null,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    deleted_at     timestamptz
);
create unique index users_username_live on users (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(username)) where deleted_at is null;
create unique index users_email_live on users (tenant_id, lower(email)) where deleted_at is null and email is not null;

-- One login session = one refresh-token family. Refresh tokens rotate; reuse of a used one revokes the session.
create table auth_sessions (
    id              uuid primary key,
    user_id         uuid not null references users (id),
    created_at      timestamptz not null default now(),
    revoked_at      timestamptz,
    revoked_reason  text
);
create index auth_sessions_user on auth_sessions (user_id);

create table refresh_tokens (
    id          uuid primary key,
    session_id  uuid not null references auth_sessions (id),
    token_hash  text not null unique,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    created_at  timestamptz not null default now()
);
create index refresh_tokens_session on refresh_tokens (session_id);

create table api_keys (
    id            uuid primary key,
    tenant_id     uuid not null references tenants (id),
    name          text not null,
    prefix        text not null,
    key_hash      text not null unique,
    roles         text[] not null,
    expires_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    created_at    timestamptz not null default now(),
    created_by    text
);
create index api_keys_tenant on api_keys (tenant_id);
