package de.wattos.agent.internal.tool.spi;

/** A tool failure with a stable code ({@code invalid_arguments}, {@code blocked_url}, {@code timeout} …). */
public class ToolException extends RuntimeException {

    private final String code;

    public ToolException(String code, String message) {
        super(message);
        this.code = code;
    }

    public ToolException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
