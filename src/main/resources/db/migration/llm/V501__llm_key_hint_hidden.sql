-- A secret is never shown back, not even its last characters (SecretBox.hint): stored hints become the fixed mask.
update llm_providers set api_key_hint = '••••' where api_key_hint is not null;
