-- Crawl changes are mailed as one digest per reviewer (a run that changes 40 pages sends one mail, not 40).
-- mail_state: null = no mail for this entry (no SMTP, no address, or an article: mailed at once);
-- due = waits for the reviewer's next digest; sending = claimed by a node until mail_not_before (a node that dies
-- mid-sending leaves it to be claimed again then); sent; failed (attempts used up: mail_error says why);
-- skipped (the user is no reviewer any more or has no address). A failed attempt waits until mail_not_before.
alter table kb_notifications add column mail_state text;
alter table kb_notifications add column mail_not_before timestamptz;
alter table kb_notifications add column mail_claim uuid;
alter table kb_notifications add column mail_attempts int not null default 0;
alter table kb_notifications add column mail_error text;
create index kb_notifications_mail_pending on kb_notifications (tenant_id, user_id, created_at)
    where mail_state in ('due', 'sending');
