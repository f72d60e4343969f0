-- The personas (target groups) an article version is for; empty = everyone. Checked against the tenant's personas
-- when written; indexed with the published version so a search for another persona leaves the article out.
alter table kb_article_versions add column persona_ids uuid[] not null default '{}';
