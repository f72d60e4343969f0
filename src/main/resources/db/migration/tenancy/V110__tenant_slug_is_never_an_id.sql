-- /api/v1/tenants/{tenant} takes a slug or an id: a slug shaped like an id (another tenant's, or any) would make
-- addresses ambiguous. NOT VALID: existing rows are not checked (the API never allowed it on create), new writes are.
alter table tenants add constraint tenants_slug_not_an_id
    check (slug !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') not valid;
