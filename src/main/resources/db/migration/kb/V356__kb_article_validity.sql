-- Validity of an article version: a published article is served (indexed into its space, so it answers first) only
-- from valid_from (inclusive) until valid_to (exclusive); null = open. The worker role indexes and removes articles
-- at these boundaries (ArticleValidity), and tells the sync targets once when a published version expires.
alter table kb_article_versions add column valid_from timestamptz;
alter table kb_article_versions add column valid_to timestamptz;
alter table kb_article_versions add constraint kb_article_versions_validity
    check (valid_from is null or valid_to is null or valid_to > valid_from);
-- the published version whose expiry has been written to the sync outbox (once per version)
alter table kb_articles add column expiry_synced_version integer;
create index kb_articles_published on kb_articles (tenant_id, id) where status = 'PUBLISHED';
