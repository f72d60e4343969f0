-- Platform baseline. Each module owns a folder under db/migration and a version range:
-- platform 1-99, tenancy 100-199, audit 200-299, knowledge 300-399, crawl 400-499, llm 500-599,
-- chat 600-699, widget 700-799, console 800-899. A module never reads another module's tables.
create extension if not exists pgcrypto;
