package org.glance4j.bootstrap.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code glance} command of python-glanceclient, run with the options that say where the server is and
 * who calls it, a {@code HOME} of the test's own (the client caches the image schema there) and no {@code OS_*}
 * variables from the environment.
 *
 * @param glance the command's path
 * @param connection the options naming the endpoint and the credentials, put before every command
 * @param home the test's folder, the client's {@code HOME}
 */
public record GlanceCommand(Path glance, List<String> connection, Path home) {

    /** One run: exit status and what it printed (stdout and stderr together). */
    public record Run(int status, String output) {}

    /** Runs {@code glance <connection> <command>}; fails the test when the client hangs for 5 minutes. */
    public Run run(String... command) throws Exception {
        List<String> args = new ArrayList<>();
        args.add(glance.toString());
        args.addAll(connection);
        args.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("OS_"));
        env.put("HOME", home.toString());
        Path out = Files.createTempFile(home, "glance-cli", ".txt");
        Process process = builder.redirectOutput(out.toFile()).start();
        // A guard against a hung client, not a timing assertion.
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("glance " + String.join(" ", command) + " hung; output:\n"
                    + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
