package de.wattos.tenancy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * Where citizens can reach the tenant's administration when the assistant cannot help: every part optional.
 * Read by the chat's no-answer, the console's settings page and the tenant profile.
 */
public record TenantContact(String email, String phone, String url, String hours) {

    public static final TenantContact NONE = new TenantContact(null, null, null, null);

    public TenantContact {
        email = blankToNull(email);
        phone = blankToNull(phone);
        url = blankToNull(url);
        hours = blankToNull(hours);
    }

    @JsonIgnore // not part of the resource: PUT refuses it as an unknown field
    public boolean isEmpty() {
        return email == null && phone == null && url == null && hours == null;
    }

    /** Reads the stored form (a JSON object); anything else (absent, a legacy free text) gives {@link #NONE}. */
    public static TenantContact fromStored(Object stored) {
        if (!(stored instanceof Map<?, ?> m)) {
            return NONE;
        }
        return new TenantContact(text(m.get("email")), text(m.get("phone")), text(m.get("url")), text(m.get("hours")));
    }

    private static String text(Object v) {
        return v instanceof String s ? s : v == null ? null : String.valueOf(v);
    }

    private static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
