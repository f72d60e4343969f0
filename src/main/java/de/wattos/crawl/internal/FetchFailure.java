package de.wattos.crawl.internal;

/**
 * A fetch that produced no usable response. {@code reason} is stable: {@code timeout}, {@code too_large},
 * {@code connect_failed}, {@code io_error}, {@code blocked_url}, {@code redirect_loop}, {@code too_many_redirects} …
 */
public class FetchFailure extends Exception {

    private final String reason;
    private final Integer httpStatus;

    public FetchFailure(String reason, String message, Integer httpStatus) {
        super(message);
        this.reason = reason;
        this.httpStatus = httpStatus;
    }

    public String reason() {
        return reason;
    }

    public Integer httpStatus() {
        return httpStatus;
    }
}
