-- Low-code dashboards per tenant: a name and a layout of grid items {widgetType, x, y, w, h, config}. At most one
-- default dashboard per tenant (the one the console opens first).
create table analytics_dashboards (
    id          uuid primary key,
    tenant_id   uuid        not null,
    name        text        not null,
    is_default  boolean     not null default false,
    layout      jsonb       not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    updated_by  text
);
create index analytics_dashboards_tenant_idx on analytics_dashboards (tenant_id, created_at);
create unique index analytics_dashboards_default_idx on analytics_dashboards (tenant_id) where is_default;
