package io.signalbox.api;

/**
 * A request the API refuses, with the HTTP status and a message the caller can act on. The message is sent to the
 * client as it is, so it must name the field and value at fault and nothing internal.
 */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException unprocessable(String message) {
        return new ApiException(422, message);
    }

    public int status() {
        return status;
    }
}
