-- Scheduled e-mail reports: per tenant at most one schedule per report type (daily, weekly, monthly), sent to its
-- recipients in the tenant's time zone. next_run_at is when the next report is due; the last outcome is kept.
create table analytics_report_schedules (
    id           uuid primary key,
    tenant_id    uuid        not null,
    type         text        not null check (type in ('DAILY', 'WEEKLY', 'MONTHLY')),
    format       text        not null check (format in ('PDF', 'CSV')),
    locale       text        not null default 'de',
    recipients   text[]      not null,
    enabled      boolean     not null default true,
    next_run_at  timestamptz not null,
    last_run_at  timestamptz,
    last_status  text,
    last_error   text,
    updated_at   timestamptz not null default now(),
    updated_by   text,
    unique (tenant_id, type)
);
create index analytics_report_schedules_due_idx on analytics_report_schedules (next_run_at) where enabled;
