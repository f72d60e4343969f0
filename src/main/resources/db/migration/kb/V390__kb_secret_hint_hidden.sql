-- A secret is never shown back, not even its last characters (SecretBox.hint): stored hints become the fixed mask.
update kb_sync_targets set secret_hint = '••••' where secret_hint is not null;
