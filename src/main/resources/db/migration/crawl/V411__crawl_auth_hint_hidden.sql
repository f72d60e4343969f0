-- A secret is never shown back, not even its last characters (SecretBox.hint): stored hints become the fixed mask.
update crawl_sources set auth_hint = '••••' where auth_hint is not null;
