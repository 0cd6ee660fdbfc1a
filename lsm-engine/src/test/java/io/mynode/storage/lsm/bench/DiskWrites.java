package io.mynode.storage.lsm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes this process has caused to be written to storage, from Linux's {@code /proc/self/io}
 * ({@code write_bytes - cancelled_write_bytes}): engine-agnostic, and it counts background threads,
 * native ones included. Returns 0 where the file does not exist, which makes amplification read 0.
 */
final class DiskWrites {
    private DiskWrites() {}

    static long bytes() {
        try {
            long written = 0;
            long cancelled = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("write_bytes:")) {
                    written = Long.parseLong(line.substring(12).trim());
                } else if (line.startsWith("cancelled_write_bytes:")) {
                    cancelled = Long.parseLong(line.substring(22).trim());
                }
            }
            return written - cancelled;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
