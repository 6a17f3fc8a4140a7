package org.glance4j.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code glance4j db ...} run in the test's JVM, for tests of other packages that need a prepared database. */
public final class DbCommand {
    private DbCommand() {}

    /**
     * Runs {@code glance4j db <args>} and returns what it printed; fails when it does not exit with 0.
     */
    public static String run(String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(printed, true, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of("db"));
        command.addAll(List.of(args));
        int status = Main.run(command, stream, stream).status();
        String output = printed.toString(StandardCharsets.UTF_8);
        if (status != 0) {
            throw new IllegalStateException(
                    "glance4j " + String.join(" ", command) + " exited with " + status + ":\n" + output);
        }
        return output;
    }
}
