-- Installation-wide settings an operator changes at run time (not per tenant), e.g. allow-private-networks.
create table platform_settings (
    key        text primary key,
    value      text not null,
    updated_by text,
    updated_at timestamptz not null default now()
);
