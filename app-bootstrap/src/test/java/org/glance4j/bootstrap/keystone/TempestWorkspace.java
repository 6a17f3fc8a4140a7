package org.glance4j.bootstrap.keystone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glance4j.ports.testing.RequiredTool;

/**
 * A workspace of Debian's {@code tempest} (OpenStack's API test suite, package {@code tempest}) made by hand, as
 * {@code tempest init} would make it but without registering it in {@code ~/.tempest}: {@code etc/tempest.conf},
 * a log and a lock folder, and a {@code HOME} of its own. {@link #run} runs a selection of tempest's tests with
 * Debian's programs only ({@code PATH=/usr/sbin:/usr/bin:/sbin:/bin}, no {@code OS_*} variables) and reads their
 * outcome from stestr's record of the run.
 */
final class TempestWorkspace {
    /** Debian's tempest command. */
    static final Path TEMPEST = Path.of("/usr/bin/tempest");

    private static final String PATH = "/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Pattern SKIP_LINE =
            Pattern.compile("^\\{\\d+\\} (.+?)(?: \\[[0-9.]+s\\])? \\.\\.\\. " + "SKIPPED: (.*)$", Pattern.MULTILINE);

    private final Path root;

    private TempestWorkspace(Path root) {
        this.root = root;
    }

    /**
     * Aborts the test when tempest (or the stestr and subunit tools it depends on) is missing, or fails it under
     * {@code CI=true}, where {@code .ci/run} installs it.
     */
    static void requireInstalled() {
        RequiredTool.require(
                "tempest",
                "tempest",
                "/usr/bin/tempest",
                "/usr/bin/stestr",
                "/usr/bin/subunit2csv",
                "/usr/bin/subunit2pyunit");
    }

    /** Makes the folders of a workspace in {@code root}; {@link #configure} writes its tempest.conf. */
    static TempestWorkspace create(Path root) throws IOException {
        for (String folder : new String[] {"etc", "logs", "lock", "home"}) {
            Files.createDirectories(root.resolve(folder));
        }
        return new TempestWorkspace(root);
    }

    /** Writes {@code conf} as the workspace's {@code etc/tempest.conf}. */
    void configure(String conf) throws IOException {
        Files.writeString(root.resolve("etc/tempest.conf"), conf);
    }

    Path root() {
        return root;
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path lock() {
        return root.resolve("lock");
    }

    /**
     * Runs {@code tempest run --regex <regex> --concurrency <n>} in the workspace and returns the outcome of every
     * test (and of every test class whose set-up skipped or failed it). Fails the test when tempest runs longer than
     * {@code timeout} (a guard against a hang, not a timing assertion) or leaves no record of a run.
     */
    Outcome run(String regex, int concurrency, Duration timeout) throws Exception {
        Path console = root.resolve("tempest-run.txt");
        Process tempest = start(
                List.of(
                        TEMPEST.toString(),
                        "run",
                        "--config-file",
                        root.resolve("etc/tempest.conf").toString(),
                        "--regex",
                        regex,
                        "--concurrency",
                        String.valueOf(concurrency)),
                null,
                console);
        if (!tempest.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            tempest.descendants().forEach(ProcessHandle::destroyForcibly);
            tempest.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
            throw new AssertionError("tempest ran longer than " + timeout + "; the end of its output:\n"
                    + tail(Files.readString(console, StandardCharsets.UTF_8), 60));
        }
        String printed = Files.readString(console, StandardCharsets.UTF_8);
        Path subunit = root.resolve("results.subunit");
        Path csv = root.resolve("results.csv");
        // the exit statuses say whether a test failed, not whether the tool worked: the files are what counts
        tool(List.of("/usr/bin/stestr", "last", "--subunit"), null, subunit);
        if (Files.size(subunit) == 0) {
            throw new AssertionError("tempest left no record of its run (exit status " + tempest.exitValue()
                    + "); the end of its output:\n" + tail(printed, 60));
        }
        tool(List.of("/usr/bin/subunit2csv"), subunit, csv);
        Map<String, String> statuses = statuses(Files.readAllLines(csv, StandardCharsets.UTF_8));
        if (statuses.isEmpty()) {
            throw new AssertionError("tempest ran no test (exit status " + tempest.exitValue()
                    + "); the end of its output:\n" + tail(printed, 60));
        }
        Map<String, String> skips = new LinkedHashMap<>();
        Matcher skip = SKIP_LINE.matcher(printed);
        while (skip.find()) {
            skips.put(skip.group(1), skip.group(2));
        }
        String failures = "";
        if (statuses.values().stream().anyMatch(Outcome::failed)) {
            Path report = root.resolve("failures.txt");
            tool(List.of("/usr/bin/subunit2pyunit"), subunit, report);
            failures = Files.readString(report, StandardCharsets.UTF_8);
        }
        return new Outcome(statuses, skips, failures);
    }

    /**
     * What tempest's tests did: their status by id as subunit2csv names it ({@code success}, {@code skip},
     * {@code failure}, {@code error}, {@code xfail}, {@code uxsuccess}), the reasons of the skips, and pyunit's report
     * of the failures.
     */
    record Outcome(Map<String, String> statuses, Map<String, String> skipReasons, String failureReport) {

        static boolean failed(String status) {
            return status.equals("failure") || status.equals("error") || status.equals("uxsuccess");
        }

        long count(String status) {
            return statuses.values().stream().filter(status::equals).count();
        }

        List<String> failed() {
            return statuses.entrySet().stream()
                    .filter(e -> failed(e.getValue()))
                    .map(Map.Entry::getKey)
                    .toList();
        }

        /** One paragraph per failed test: its id and the last {@code lines} lines of what pyunit reported. */
        String failureSummary(int lines) {
            StringBuilder summary = new StringBuilder();
            for (String block : failureReport.split("\n={20,}\n")) {
                String trimmed = block.strip();
                if (trimmed.startsWith("FAIL: ") || trimmed.startsWith("ERROR: ")) {
                    String id = trimmed.lines().findFirst().orElse("");
                    summary.append("\n---- ")
                            .append(id)
                            .append('\n')
                            .append(tail(trimmed.substring(id.length()), lines))
                            .append('\n');
                }
            }
            return summary.toString();
        }

        /** Every skip with its reason, one per line. */
        String skipSummary() {
            StringBuilder summary = new StringBuilder();
            statuses.forEach((id, status) -> {
                if (status.equals("skip")) {
                    // tempest's console names a test without its attributes ("[id-...,smoke]")
                    String reason = skipReasons.getOrDefault(id.replaceFirst("\\[[^\\]]*\\]$", ""), "?");
                    summary.append("  ").append(id).append(": ").append(reason).append('\n');
                }
            });
            return summary.toString();
        }
    }

    /** The test ids and statuses of subunit2csv's rows {@code test,status,start_time,stop_time}. */
    private static Map<String, String> statuses(List<String> rows) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (String row : rows.subList(Math.min(1, rows.size()), rows.size())) {
            // an id may hold commas ("[id-...,smoke]"); the three last fields never do
            int stop = row.lastIndexOf(',');
            int start = stop < 0 ? -1 : row.lastIndexOf(',', stop - 1);
            int status = start < 0 ? -1 : row.lastIndexOf(',', start - 1);
            if (status > 0) {
                String id = row.substring(0, status);
                if (id.length() > 1 && id.startsWith("\"") && id.endsWith("\"")) {
                    id = id.substring(1, id.length() - 1).replace("\"\"", "\"");
                }
                statuses.put(id, row.substring(status + 1, start));
            }
        }
        return statuses;
    }

    private void tool(List<String> command, Path input, Path output) throws Exception {
        Process process = start(command, input, output);
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " hung");
        }
    }

    private Process start(List<String> command, Path input, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", PATH);
        env.put("HOME", root.resolve("home").toString());
        env.put("LANG", "C.UTF-8");
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        if (command.get(0).equals(TEMPEST.toString()) || command.get(0).equals("/usr/bin/subunit2pyunit")) {
            builder.redirectErrorStream(true); // tempest's and pyunit's reports go to stderr
        } else {
            builder.redirectError(ProcessBuilder.Redirect.appendTo(
                    root.resolve("tools-stderr.txt").toFile()));
        }
        return builder.redirectOutput(output.toFile()).start();
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
