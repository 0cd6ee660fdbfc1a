package io.mynode.kernel.fault;

import io.mynode.kernel.error.StorageIoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The file through which a harness partitions a node running as a process ({@code faults.file}):
 * the ids of the peers to isolate, one a line; {@code #} starts a comment. Written whole and
 * renamed into place, so a reader never sees half a file.
 */
public final class PartitionFile {
    private PartitionFile() {}

    /** Replaces {@code file} with {@code isolated}, atomically. An empty collection heals. */
    public static void write(Path file, Collection<String> isolated) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, isolated.stream().sorted().toList(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageIoException("writing partition file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The peers {@code file} isolates; none when it is missing. */
    public static Set<String> read(Path file) throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String id = line.replaceAll("#.*", "").trim();
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
        } catch (NoSuchFileException e) {
            return Set.of();
        }
        return Set.copyOf(ids);
    }
}
