package de.wattos.avatar.internal.check;

/** One validation result: a stable code and a reason a person understands. */
public record Finding(String code, String message) {
}
