package dev.imcp.codegen.lock;

/**
 * A lockfile that cannot be used: it does not parse, has the wrong shape, or was written by a newer iMCP. The
 * message is one line, {@code file:line:col [CODE] what}, as the build shows contract errors.
 */
public final class LockfileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * Creates the error.
     *
     * @param file the lockfile as shown to the user
     * @param line the line, 1-based (0 when unknown)
     * @param column the column, 1-based (0 when unknown)
     * @param code {@code LOCK_INVALID} (not JSON, or not the lockfile's shape) or {@code LOCK_VERSION} (newer)
     * @param what what is wrong and what to do
     */
    public LockfileException(String file, int line, int column, String code, String what) {
        super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + " [" + code + "] " + what);
        this.code = code;
    }

    /** Returns the code: {@code LOCK_INVALID} or {@code LOCK_VERSION}. */
    public String code() {
        return code;
    }
}
