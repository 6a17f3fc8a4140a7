package org.glance4j.ports.out.importing;

/**
 * A failure of a {@link DiskImageTool} itself: what it was asked to do, what went wrong, and what it said.
 */
public final class DiskImageToolException extends RuntimeException {

    /** What went wrong. */
    public enum Failure {
        /** The tool could not be started (not installed, not executable); the detail names the command. */
        CANNOT_RUN,
        /** The tool ran longer than allowed and was stopped. */
        TIMED_OUT,
        /** The tool ended with a non-zero status or wrote errors; the detail is what it wrote, or its status. */
        FAILED,
        /** The tool's answer could not be read. */
        UNREADABLE_ANSWER
    }

    private final String operation;
    private final Failure failure;
    private final String detail;

    /**
     * @param operation the tool's operation ({@code info}, {@code convert})
     * @param failure   what went wrong
     * @param detail    the command (for {@link Failure#CANNOT_RUN}), or what the tool said (may be empty)
     * @param cause     the underlying exception, or null
     */
    public DiskImageToolException(String operation, Failure failure, String detail, Throwable cause) {
        super(operation + ": " + failure + (detail == null || detail.isEmpty() ? "" : ": " + detail), cause);
        this.operation = operation;
        this.failure = failure;
        this.detail = detail == null ? "" : detail;
    }

    public String operation() {
        return operation;
    }

    public Failure failure() {
        return failure;
    }

    public String detail() {
        return detail;
    }
}
