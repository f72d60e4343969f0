package de.wattos.avatar.internal.glb;

/** A file that cannot be an avatar, with a stable {@code code} and a reason a person understands. */
public class AvatarRejected extends RuntimeException {

    private final String code;

    public AvatarRejected(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
