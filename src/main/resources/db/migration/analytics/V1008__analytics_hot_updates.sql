-- Rollup rows and conversation rows are updated in place many times (a conversation's answers, an hour's counters),
-- never in an indexed column. With room left on each page, PostgreSQL updates them as heap-only tuples: no new index
-- entries per update, and less to vacuum. Applies to pages written from now on.
alter table analytics_conversations set (fillfactor = 70);
alter table analytics_hourly set (fillfactor = 70);
alter table analytics_daily set (fillfactor = 70);
alter table analytics_cited_daily set (fillfactor = 80);
alter table analytics_terms_daily set (fillfactor = 80);
