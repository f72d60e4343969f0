package de.wattos.tenancy;

import de.wattos.platform.Role;
import java.util.List;
import java.util.Set;

/** The current tenant's users as other modules may address them (notifications). Tenant from {@code TenantContext}. */
public interface TenantMembers {

    /** A user: {@code id} is the id their requests act under ({@code Actor.id()}); {@code email} may be null. */
    record Member(String id, String name, String email, Set<Role> roles) {
    }

    /** The tenant's live users holding at least one of {@code roles}. */
    List<Member> withAnyRole(Set<Role> roles);
}
