package dev.cellbridge.gateway.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removal of the gateway's temporary work directory (framework jar and storage); JDK only, used by Boot too. */
final class WorkDirectory {

    private WorkDirectory() {
    }

    /** Attempts at deleting the tree: a stopped framework may still be finishing its last write into it. */
    private static final int ATTEMPTS = 5;

    /** Deletes the tree; a failure is reported on stderr and otherwise ignored (it is a temporary directory). */
    static void delete(Path root) {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS && Files.exists(root); attempt++) {
            try {
                deleteTree(root);
                return;
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (last != null && Files.exists(root)) {
            System.err.println("cellbridge-gateway: cannot delete the work directory " + root + ": " + last);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                if (failure instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // gone meanwhile
                }
                throw failure;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
