-- Knowledge articles belong to the kb module (approval workflow, sync): their tables move under its prefix. The
-- foreign key into the knowledge module's spaces goes: kb cleans up on the SpaceDeleted event instead, since no
-- module reaches into another module's tables. Versions gain the questions a curated article answers.
alter table knowledge_articles rename to kb_articles;
alter table knowledge_article_versions rename to kb_article_versions;
alter index knowledge_articles_tenant_status rename to kb_articles_tenant_status;
alter table kb_articles drop constraint if exists knowledge_articles_space_id_fkey;
alter table kb_article_versions add column questions text[] not null default '{}';
create index kb_articles_tenant_space on kb_articles (tenant_id, space_id);
