package io.mynode.storage.lsm.sstable;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the manifest records about one table: enough to place it in a level and to decide, without
 * opening it, whether a key or a range can touch it.
 *
 * @param fileNumber names the file ({@code 000042.sst}); numbers are never reused
 * @param size the file's length in bytes, checked on open so a truncated file is caught at once
 * @param smallest the first key in the table
 * @param largest the last key in the table
 * @param entries entries stored, tombstones included
 * @param tombstones delete markers among them
 */
public record TableMeta(long fileNumber, long size, byte[] smallest, byte[] largest, long entries, long tombstones) {

    /** The file name for {@code fileNumber}. */
    public static String fileName(long fileNumber) {
        return String.format("%06d.sst", fileNumber);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableMeta t && t.fileNumber == fileNumber;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fileNumber);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return fileName(fileNumber) + "[" + hex.formatHex(smallest) + ".." + hex.formatHex(largest) + ", " + size + " B]";
    }

    /** Compares on content, for tests. */
    public boolean sameAs(TableMeta o) {
        return fileNumber == o.fileNumber && size == o.size && Arrays.equals(smallest, o.smallest)
                && Arrays.equals(largest, o.largest) && entries == o.entries && tombstones == o.tombstones;
    }
}
