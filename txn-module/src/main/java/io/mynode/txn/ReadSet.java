package io.mynode.txn;

import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * What a transaction read, shaped for validation: its point reads as a sorted set and its scanned
 * ranges merged into sorted, disjoint ranges, so that checking one written key costs two
 * logarithmic lookups however many scans the transaction made (a nested-loop join may make
 * thousands). Merging is exact: it never adds a key no scan covered, so conflicts are exactly
 * those of the original ranges.
 */
final class ReadSet {
    /** Unbounded starts first, then by key, an inclusive start before an exclusive one. */
    private static final Comparator<KeyRange> BY_START = (a, b) -> {
        if (a.start() == null || b.start() == null) {
            return a.start() == null ? (b.start() == null ? 0 : -1) : 1;
        }
        int c = Keys.compare(a.start(), b.start());
        return c != 0 ? c : Boolean.compare(!a.startInclusive(), !b.startInclusive());
    };

    private final TreeSet<byte[]> keys = new TreeSet<>(Keys.ORDER);
    private final List<KeyRange> ranges;

    ReadSet(List<byte[]> reads, List<KeyRange> scanned) {
        keys.addAll(reads);
        this.ranges = merge(scanned);
    }

    boolean containsKey(byte[] key) {
        return keys.contains(key);
    }

    /** The merged range holding {@code key}, if any. */
    java.util.Optional<KeyRange> rangeOf(byte[] key) {
        int lo = 0;
        int hi = ranges.size() - 1;
        int last = -1; // the last range whose start is at or before key
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            byte[] start = ranges.get(mid).start();
            if (start == null || Keys.compare(start, key) <= 0) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        for (int i = last; i >= 0 && i >= last - 1; i--) {
            if (ranges.get(i).contains(key)) {
                return java.util.Optional.of(ranges.get(i));
            }
        }
        return java.util.Optional.empty();
    }

    /** Sorted, disjoint ranges covering exactly the keys of {@code ranges}; empty ones dropped. */
    static List<KeyRange> merge(List<KeyRange> ranges) {
        List<KeyRange> sorted = new ArrayList<>(ranges.size());
        for (KeyRange r : ranges) {
            if (!isEmpty(r)) {
                sorted.add(r);
            }
        }
        sorted.sort(BY_START);
        List<KeyRange> out = new ArrayList<>();
        KeyRange current = null;
        for (KeyRange r : sorted) {
            if (current == null) {
                current = r;
            } else if (joins(current, r)) {
                current = new KeyRange(current.start(), current.startInclusive(), laterEnd(current, r),
                        endInclusive(current, r));
            } else {
                out.add(current);
                current = r;
            }
        }
        if (current != null) {
            out.add(current);
        }
        return out;
    }

    private static boolean isEmpty(KeyRange r) {
        if (r.start() == null || r.end() == null) {
            return false;
        }
        int c = Keys.compare(r.start(), r.end());
        return c > 0 || (c == 0 && !(r.startInclusive() && r.endInclusive()));
    }

    /** Whether {@code r} (starting at or after {@code current}) overlaps or touches it without a gap. */
    private static boolean joins(KeyRange current, KeyRange r) {
        if (current.end() == null) {
            return true;
        }
        int c = Keys.compare(r.start(), current.end()); // r.start is non-null: only the first may be unbounded
        return c < 0 || (c == 0 && (current.endInclusive() || r.startInclusive()));
    }

    private static byte[] laterEnd(KeyRange a, KeyRange b) {
        if (a.end() == null || b.end() == null) {
            return null;
        }
        return Keys.compare(a.end(), b.end()) >= 0 ? a.end() : b.end();
    }

    private static boolean endInclusive(KeyRange a, KeyRange b) {
        if (a.end() == null || b.end() == null) {
            return true;
        }
        int c = Keys.compare(a.end(), b.end());
        return c > 0 ? a.endInclusive() : c < 0 ? b.endInclusive() : a.endInclusive() || b.endInclusive();
    }
}
