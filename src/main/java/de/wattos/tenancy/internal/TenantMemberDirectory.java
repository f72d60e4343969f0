package de.wattos.tenancy.internal;

import de.wattos.platform.Role;
import de.wattos.tenancy.TenantMembers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** {@link TenantMembers} over the stored user accounts. */
@Component
class TenantMemberDirectory implements TenantMembers {

    private static final int PAGE = 500;

    private final Users users;

    TenantMemberDirectory(Users users) {
        this.users = users;
    }

    @Override
    public List<Member> withAnyRole(Set<Role> roles) {
        List<Member> out = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<UserAccount> batch = users.page(page, PAGE);
            for (UserAccount u : batch) {
                if (!Collections.disjoint(u.roles(), roles)) {
                    out.add(new Member(u.id().toString(), u.displayName() != null ? u.displayName() : u.username(),
                            u.email(), u.roles()));
                }
            }
            if (batch.size() < PAGE) {
                return out;
            }
        }
    }
}
