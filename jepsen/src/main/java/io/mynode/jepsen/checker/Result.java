package io.mynode.jepsen.checker;

import io.mynode.jepsen.history.Keyword;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checker's verdict and its evidence, as Jepsen writes it in {@code results.edn}:
 * {@code {:valid? false, :anomaly-types [:G-single], ...}}.
 *
 * @param validity the verdict
 * @param details the evidence: EDN data keyed by keywords, in the order it reads best
 */
public record Result(Validity validity, Map<Keyword, Object> details) {

    /** Jepsen's three verdicts. {@link #exitCode()} is the CLI's exit status. */
    public enum Validity {
        /** Every observation was allowed. */
        VALID(true, 0),
        /** Some observation was not allowed: a bug (in the database, or in the history). */
        INVALID(false, 1),
        /** The checker could not decide: too few operations, or its search budget ran out. */
        UNKNOWN(Keyword.of("unknown"), 2);

        private final Object edn;
        private final int exitCode;

        Validity(Object edn, int exitCode) {
            this.edn = edn;
            this.exitCode = exitCode;
        }

        /** {@code true}, {@code false} or {@code :unknown}. */
        public Object edn() {
            return edn;
        }

        public int exitCode() {
            return exitCode;
        }

        /** Jepsen's merge: any invalid makes the whole invalid; else any unknown makes it unknown. */
        public Validity and(Validity other) {
            if (this == INVALID || other == INVALID) {
                return INVALID;
            }
            if (this == UNKNOWN || other == UNKNOWN) {
                return UNKNOWN;
            }
            return VALID;
        }
    }

    public static final Keyword VALID_KEY = Keyword.of("valid?");

    public Result {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static Result of(Validity validity, Map<Keyword, Object> details) {
        return new Result(validity, details);
    }

    /** {@code :valid?} first, then the details. */
    public Map<Keyword, Object> toEdn() {
        Map<Keyword, Object> m = new LinkedHashMap<>();
        m.put(VALID_KEY, validity.edn());
        m.putAll(details);
        return m;
    }

    /** The keyword {@code name}, for building details. */
    public static Keyword k(String name) {
        return Keyword.of(name);
    }
}
