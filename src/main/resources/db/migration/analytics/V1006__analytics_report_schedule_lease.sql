-- Scheduled reports are claimed with a lease instead of moving their due time on before sending: next_run_at only
-- advances after a confirmed sending, so a sending cut off by a stop or a crash is taken again (by any node) once
-- claimed_until has passed. claim_token tells the claiming node's confirmation from a late one after a takeover;
-- attempts counts failed sendings of the current period (retried a few times, then recorded as failed and skipped).
alter table analytics_report_schedules
    add column claimed_until timestamptz,
    add column claim_token   uuid,
    add column attempts      int not null default 0;
