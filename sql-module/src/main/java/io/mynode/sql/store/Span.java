package io.mynode.sql.store;

import io.mynode.kernel.sql.Value;
import java.util.List;
import java.util.Optional;

/**
 * A contiguous run of a key's values, as a range scan reads it: {@code prefix} fixes the first
 * key columns to values, and {@code lower} and {@code upper} bound the column after them. Because
 * keys encode their values in order and self-delimited ({@link KeyEncoding}), every span is one
 * contiguous byte range of the store:
 *
 * <pre>
 *   prefix (7)                    every key starting with 7       (a composite key's prefix)
 *   prefix (7, 2)                 the one key (7, 2)              (a point)
 *   prefix (7), lower (2, excl.)  (7, x) for every x &gt; 2
 *   prefix (), upper (10, incl.)  every key up to 10, NULL excluded
 * </pre>
 *
 * A bound never lets NULL in: a span with a bound starts after NULL on the bounded column, as
 * {@code x < 10} excludes NULL. Values must already have the column's type (see
 * {@link TableData#keyValue}).
 *
 * @param prefix values of the first key columns, in key order
 * @param lower the lower bound of the next column, if any
 * @param upper the upper bound of the next column, if any
 */
public record Span(List<Value> prefix, Optional<Bound> lower, Optional<Bound> upper) {

    public Span {
        prefix = List.copyOf(prefix);
    }

    /** One end of a span. */
    public record Bound(Value value, boolean inclusive) {}

    /** The keys that start with {@code values}; all of them for an empty list. */
    public static Span prefix(List<Value> values) {
        return new Span(values, Optional.empty(), Optional.empty());
    }

    /** Whether the span has a bound on the column after its prefix. */
    public boolean bounded() {
        return lower.isPresent() || upper.isPresent();
    }
}
