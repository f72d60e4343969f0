-- A key is never shown back, not even in part: the stored last-four hint goes, the time it was set is kept instead.
alter table voice_providers add column api_key_set_at timestamptz;
update voice_providers set api_key_set_at = updated_at where api_key_sealed is not null;
alter table voice_providers drop column api_key_hint;
