package org.glance4j.bootstrap.keystone;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code openstack} command of python-openstackclient, run with password credentials in the child's own
 * environment ({@code OS_AUTH_URL}, {@code OS_USERNAME}, ...), a {@code HOME} of the test's own and no other
 * {@code OS_*} variables: the client finds the image service in Keystone's catalog as a cloud user's would.
 *
 * @param openstack the command's path
 * @param credentials the {@code OS_*} variables naming Keystone and the user
 * @param home the test's folder, the client's {@code HOME}
 */
record OpenStackCommand(Path openstack, Map<String, String> credentials, Path home) {

    /** One run: exit status, what it printed on stdout, and on stderr. */
    record Run(int status, String output, String errors) {
        @Override
        public String toString() {
            return "exit " + status + "\nstdout:\n" + output + "\nstderr:\n" + errors;
        }
    }

    /** Password credentials of {@code user} (password {@code <user>-pass}) scoped to {@code project}. */
    static Map<String, String> password(java.net.URI keystone, String user, String project) {
        return Map.of(
                "OS_AUTH_URL",
                keystone + "/v3",
                "OS_AUTH_TYPE",
                "password",
                "OS_IDENTITY_API_VERSION",
                "3",
                "OS_USERNAME",
                user,
                "OS_PASSWORD",
                KeystoneServer.Running.password(user),
                "OS_PROJECT_NAME",
                project,
                "OS_USER_DOMAIN_ID",
                "default",
                "OS_PROJECT_DOMAIN_ID",
                "default",
                "OS_REGION_NAME",
                "RegionOne",
                "OS_INTERFACE",
                "public");
    }

    /** Runs {@code openstack <command>}; fails the test when the client hangs for 5 minutes. */
    Run run(String... command) throws Exception {
        List<String> args = new ArrayList<>();
        args.add(openstack.toString());
        args.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(args);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("OS_"));
        env.putAll(credentials);
        env.put("HOME", home.toString());
        Path out = Files.createTempFile(home, "openstack", ".out");
        Path err = Files.createTempFile(home, "openstack", ".err");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        // A guard against a hung client, not a timing assertion.
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("openstack " + String.join(" ", command) + " hung; output:\n"
                    + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
