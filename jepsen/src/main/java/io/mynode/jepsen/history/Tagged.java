package io.mynode.jepsen.history;

/**
 * An EDN tagged element ({@code #inst "..."}, {@code #jepsen.history.Op{...}}) whose tag this
 * reader does not interpret. Kept so that a history round-trips, and so that a checker can look
 * through a record tag at the map inside.
 *
 * @param tag the symbol after {@code #}
 * @param value the element that followed the tag
 */
public record Tagged(String tag, Object value) {}
