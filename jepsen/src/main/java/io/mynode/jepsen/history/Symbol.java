package io.mynode.jepsen.history;

/**
 * An EDN symbol such as {@code foo} or {@code jepsen.history/Op}: read and written back as is,
 * never resolved.
 *
 * @param name the symbol's text
 */
public record Symbol(String name) {
    @Override
    public String toString() {
        return name;
    }
}
