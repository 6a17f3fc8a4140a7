package org.glance4j.bootstrap.cli;

import java.io.PrintWriter;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.RefusedSettingException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * A command that failed: its message on one line and exit status 1; a refused setting (noauth on a public address)
 * counts as a bad command line (2). An unexpected failure of {@code serve} also prints the stack trace.
 */
public final class CommandFailures implements IExecutionExceptionHandler {

    /** Exit status when the configuration, the start or the command's work fails. */
    public static final int STATUS = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine line, ParseResult parsed) {
        PrintWriter err = line.getErr();
        int status = STATUS;
        if (ex instanceof RefusedSettingException) {
            err.println("glance4j: " + ex.getMessage());
            status = UsageErrors.STATUS;
        } else if (ex instanceof ConfigException || ex instanceof IllegalStateException) {
            err.println("glance4j: " + ex.getMessage());
        } else if (line.getCommandSpec().userObject() instanceof ServeCommand) {
            err.println("glance4j: cannot start: " + ex);
            ex.printStackTrace(err);
        } else {
            err.println("glance4j: " + ex);
        }
        err.flush();
        return status;
    }
}
