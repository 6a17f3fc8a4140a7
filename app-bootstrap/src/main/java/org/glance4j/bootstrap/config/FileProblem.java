package org.glance4j.bootstrap.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What is wrong with a file or folder an operator named (on the command line or in the configuration), in words:
 * "does not exist", "is a folder, not a file", "permission denied", rather than the bare path that Java's
 * exceptions carry as their message.
 */
public final class FileProblem {

    private FileProblem() {}

    /** Why {@code path} cannot be read as a file, or empty when it is a readable regular file. */
    public static Optional<String> asFile(Path path) {
        if (!Files.exists(path)) {
            return Optional.of(path + " does not exist");
        }
        if (Files.isDirectory(path)) {
            return Optional.of(path + " is a folder, not a file");
        }
        if (!Files.isReadable(path)) {
            return Optional.of(path + " cannot be read (permission denied)");
        }
        return Optional.empty();
    }

    /** Why {@code path} cannot be listed as a folder (a regular file is not a problem when {@code fileToo}). */
    public static Optional<String> asFolder(Path path, boolean fileToo) {
        if (!Files.exists(path)) {
            return Optional.of(path + " does not exist");
        }
        if (!Files.isDirectory(path) && !(fileToo && Files.isRegularFile(path))) {
            return Optional.of(path + " is not a folder");
        }
        if (!Files.isReadable(path)) {
            return Optional.of(path + " cannot be read (permission denied)");
        }
        return Optional.empty();
    }

    /** {@code e}, raised while working on {@code path}, said in words that start with the path. */
    public static String describe(Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return path + " does not exist";
        }
        if (e instanceof AccessDeniedException denied) {
            return (denied.getFile() != null ? denied.getFile() : path.toString()) + ": permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return path + " is a file, not a folder";
        }
        if (e instanceof NotDirectoryException) {
            return path + " is not a folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            if (fs.getReason().equals("Not a directory")) {
                return path + " cannot be a folder: a part of that path is a file";
            }
            if (fs.getReason().equals("Is a directory")) {
                return path + " is a folder, not a file";
            }
            return path + ": " + fs.getReason();
        }
        return path + ": " + e.getMessage();
    }
}
