package io.mynode.storage.btree;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The root record of the file: which page is the root, how big the file is, where the free list
 * is. Two copies live in page 0 (at offsets 0 and 4096, different disk sectors); a flush writes
 * both, one after the other, and opening takes the valid copy with the highest generation.
 *
 * <pre>
 *   0 u32 crc32c of [4, 96)   4 "MYNBTREE"   12 u32 format   16 u32 page size
 *  20 u64 generation         28 u64 root page               36 u32 root level
 *  40 u64 version            48 u64 keys    56 u64 pages in file
 *  64 u64 free-list head     72 u64 free pages              80 u64 free-list pages
 * </pre>
 *
 * @param generation number of flushes that wrote a meta, including this one
 * @param rootPage the root node's page
 * @param rootLevel the root node's level (0: the root is a leaf)
 * @param version the number of write batches the state includes
 * @param keys live keys in the state
 * @param pages pages in the file; anything past them is garbage of an unfinished flush
 * @param freeListHead first free-list page, or 0 when nothing is free
 * @param freePages free pages listed in the free list
 * @param freeListPages pages the free list itself occupies
 */
record Meta(long generation, long rootPage, int rootLevel, long version, long keys, long pages,
            long freeListHead, long freePages, long freeListPages) {

    static final int SIZE = 96;
    static final int SLOT_SPACING = 4096;
    private static final long MAGIC = 0x4D594E4254524545L; // "MYNBTREE"
    private static final int FORMAT = 1;

    byte[] encode(int pageSize) {
        ByteBuffer buf = ByteBuffer.allocate(SIZE);
        buf.putInt(0).putLong(MAGIC).putInt(FORMAT).putInt(pageSize).putLong(generation).putLong(rootPage)
                .putInt(rootLevel).putLong(version).putLong(keys).putLong(pages).putLong(freeListHead)
                .putLong(freePages).putLong(freeListPages);
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 4, SIZE - 4);
        buf.putInt(0, (int) crc.getValue());
        return buf.array();
    }

    /** The meta in {@code bytes[offset..]}, or empty if it is torn, corrupt or never written. */
    static Optional<Meta> decode(byte[] bytes, int offset, int[] pageSizeOut) {
        ByteBuffer buf = ByteBuffer.wrap(bytes, offset, SIZE).slice();
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset + 4, SIZE - 4);
        if ((int) crc.getValue() != buf.getInt(0) || buf.getLong(4) != MAGIC || buf.getInt(12) != FORMAT) {
            return Optional.empty();
        }
        pageSizeOut[0] = buf.getInt(16);
        buf.position(20);
        return Optional.of(new Meta(buf.getLong(), buf.getLong(), buf.getInt(), buf.getLong(), buf.getLong(),
                buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong()));
    }
}
