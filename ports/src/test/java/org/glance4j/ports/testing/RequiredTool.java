package org.glance4j.ports.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * The one policy of every test fixture that needs a real server or tool from a Debian package (PostgreSQL, MariaDB,
 * Swift, Ceph, Keystone, Varnish, Squid, HAProxy, real Glance, tempest, qemu-img, the openstack and glance clients,
 * ...): when it is missing, the test FAILS under {@code CI=true} (where {@code .ci/run} installs every package, so a
 * missing one is a broken CI machine), and is SKIPPED anywhere else (a JUnit assumption), with a message that names
 * what is missing and the {@code apt-get install -y} command that brings it.
 *
 * <p>A program is looked for in {@code PATH}, then in {@code /usr/local/sbin}, {@code /usr/local/bin},
 * {@code /usr/sbin}, {@code /usr/bin}, {@code /sbin} and {@code /bin} (Debian puts daemons in the sbin directories,
 * which a user's {@code PATH} often lacks). A name that contains a {@code /} is a file or directory that must exist
 * (a program at a fixed place, a package's data directory).
 */
public final class RequiredTool {

    private static final List<String> SYSTEM_DIRECTORIES =
            List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");
    private static final RequiredTool FROM_ENVIRONMENT = new RequiredTool(System.getenv());

    private final Map<String, String> environment;

    RequiredTool(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Whether the tests run under CI ({@code CI=true}, in any case), where a missing package is a failure. */
    public static boolean underCi() {
        return FROM_ENVIRONMENT.ci();
    }

    /** The program's path, or empty when it is on neither {@code PATH} nor the system directories. */
    public static Optional<Path> find(String program) {
        return FROM_ENVIRONMENT.locate(program);
    }

    /**
     * The program's path; when it is missing, fails the test under CI and skips it elsewhere.
     *
     * @param program a program name ({@code qemu-img}) or an absolute path
     * @param debianPackages the package or packages (space-separated) that install it
     */
    public static Path program(String program, String debianPackages) {
        return FROM_ENVIRONMENT.require(program, debianPackages);
    }

    /**
     * Checks that every one of {@code programsOrPaths} is there; when one is missing, fails the test under CI and
     * skips it elsewhere, naming {@code what} and the missing ones.
     *
     * @param what what the test needs, in words ({@code "Keystone"})
     * @param debianPackages the packages (space-separated) that install all of them
     * @param programsOrPaths program names, or absolute paths of files or directories
     */
    public static void require(String what, String debianPackages, String... programsOrPaths) {
        FROM_ENVIRONMENT.requireAll(what, debianPackages, programsOrPaths);
    }

    /**
     * Reports that {@code what} is missing, for a check of its own kind (a library, a privilege): throws an
     * {@link AssertionFailedError} under CI and a JUnit {@code TestAbortedException} elsewhere. Never returns; its
     * return type lets a caller write {@code throw RequiredTool.missing(...)}.
     *
     * @param what what is missing, in words
     * @param debianPackages the packages (space-separated) that install it
     */
    public static RuntimeException missing(String what, String debianPackages) {
        throw FROM_ENVIRONMENT.report(what, debianPackages);
    }

    boolean ci() {
        return "true".equalsIgnoreCase(environment.get("CI"));
    }

    Optional<Path> locate(String program) {
        if (program.contains("/")) {
            Path path = Path.of(program);
            return Files.exists(path) ? Optional.of(path) : Optional.empty();
        }
        List<String> directories = new ArrayList<>();
        for (String directory : environment.getOrDefault("PATH", "").split(":")) {
            if (!directory.isEmpty()) {
                directories.add(directory);
            }
        }
        directories.addAll(SYSTEM_DIRECTORIES);
        for (String directory : directories) {
            Path candidate = Path.of(directory, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    Path require(String program, String debianPackages) {
        return locate(program).orElseThrow(() -> report(program, debianPackages));
    }

    void requireAll(String what, String debianPackages, String... programsOrPaths) {
        List<String> missing = new ArrayList<>();
        for (String program : programsOrPaths) {
            if (locate(program).isEmpty()) {
                missing.add(program);
            }
        }
        if (!missing.isEmpty()) {
            throw report(what + " (missing " + String.join(", ", missing) + ")", debianPackages);
        }
    }

    RuntimeException report(String what, String debianPackages) {
        String install = "apt-get install -y " + debianPackages;
        if (ci()) {
            throw new AssertionFailedError(what + " is not installed, and under CI=true that is a failure: .ci/run"
                    + " installs it (" + install + "); add it to .ci/run's REQUIRED_PACKAGES if it is not there");
        }
        Assumptions.abort(what + " is not installed, so this test is skipped; to run it: " + install);
        throw new IllegalStateException("unreachable: Assumptions.abort returned");
    }
}
