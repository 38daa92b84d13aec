package com.usersplatform.gateway.upstream;

/**
 * Why the users service could not give a usable answer; each kind maps to the gateway's status and error code.
 */
public final class UpstreamFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The kinds of failure, each with the status and error code the client receives. */
    public enum Kind {
        /** Could not connect (refused, unreachable, connect timeout), or the circuit breaker is open. */
        UNAVAILABLE(503, "upstream_unavailable"),
        /** Connected, but no answer within the read timeout. */
        TIMEOUT(504, "upstream_timeout"),
        /** Broken connection mid-exchange, or a 5xx answer that cannot be passed on. */
        ERROR(502, "upstream_error");

        private final int status;
        private final String code;

        Kind(int status, String code) {
            this.status = status;
            this.code = code;
        }

        /** HTTP status the gateway answers with. */
        public int status() {
            return status;
        }

        /** Error code of the body. */
        public String code() {
            return code;
        }
    }

    private final Kind kind;

    UpstreamFailure(Kind kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }
}
