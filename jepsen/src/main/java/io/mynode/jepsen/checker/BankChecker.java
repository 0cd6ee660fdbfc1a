package io.mynode.jepsen.checker;

import io.mynode.jepsen.history.History;
import io.mynode.jepsen.history.Keyword;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jepsen's bank test checker. Clients move money between accounts in transactions
 * ({@code :transfer {:from 1, :to 3, :amount 4}}) and read every balance at once
 * ({@code :read {0 10, 1 12, ...}}). Under snapshot isolation or stronger every read sees a total
 * equal to the initial total and no negative balance (transfers that would overdraw fail).
 *
 * <p>Each successful read is checked for: a total other than {@code total} ({@code :wrong-total}),
 * a negative balance ({@code :negative-value}), a missing or unknown account, or a non-integer
 * balance ({@code :unexpected-key}, {@code :nil-balance}). Errors are grouped by kind with a count
 * and the first example, as Jepsen reports them. A history without a successful read is
 * {@code :unknown}.
 *
 * @param accounts the account ids
 * @param total the money in the bank, constant
 */
public record BankChecker(Set<Object> accounts, long total) implements Checker {
    public static final Keyword READ = Keyword.of("read");
    public static final Keyword TRANSFER = Keyword.of("transfer");

    public BankChecker {
        accounts = Set.copyOf(accounts);
    }

    @Override
    public Result check(History history) {
        Map<Keyword, List<Object>> errors = new LinkedHashMap<>();
        long reads = 0;
        for (History.Operation o : history.operations(READ)) {
            if (!o.ok()) {
                continue;
            }
            reads++;
            Object read = o.value();
            Map<Keyword, Object> edn = o.completion().orElseThrow().toEdn();
            if (!(read instanceof Map<?, ?> balances)) {
                add(errors, "malformed-read", edn);
                continue;
            }
            long sum = 0;
            boolean sumKnown = true;
            for (var e : balances.entrySet()) {
                if (!accounts.contains(e.getKey())) {
                    add(errors, "unexpected-key", Map.of(Result.k("op"), edn, Result.k("key"), e.getKey()));
                }
                if (e.getValue() instanceof Long b) {
                    sum += b;
                    if (b < 0) {
                        add(errors, "negative-value", Map.of(Result.k("op"), edn, Result.k("account"), e.getKey(),
                                Result.k("balance"), b));
                    }
                } else {
                    sumKnown = false;
                    add(errors, "nil-balance", Map.of(Result.k("op"), edn, Result.k("account"), e.getKey()));
                }
            }
            for (Object a : accounts) {
                if (!balances.containsKey(a)) {
                    add(errors, "missing-account", Map.of(Result.k("op"), edn, Result.k("account"), a));
                }
            }
            if (sumKnown && sum != total) {
                add(errors, "wrong-total", Map.of(Result.k("op"), edn, Result.k("total"), sum,
                        Result.k("expected"), total));
            }
        }
        Map<Keyword, Object> details = new LinkedHashMap<>();
        details.put(Result.k("read-count"), reads);
        details.put(Result.k("error-count"), errors.values().stream().mapToInt(List::size).sum());
        Map<Keyword, Object> byKind = new LinkedHashMap<>();
        errors.forEach((kind, list) -> {
            Map<Keyword, Object> summary = new LinkedHashMap<>();
            summary.put(Result.k("count"), list.size());
            summary.put(Result.k("first"), list.getFirst());
            byKind.put(kind, summary);
        });
        if (!byKind.isEmpty()) {
            details.put(Result.k("errors"), byKind);
        }
        Result.Validity validity = !errors.isEmpty() ? Result.Validity.INVALID
                : reads == 0 ? Result.Validity.UNKNOWN : Result.Validity.VALID;
        if (validity == Result.Validity.UNKNOWN) {
            details.put(Result.k("error"), "no read succeeded, so nothing was observed");
        }
        return Result.of(validity, details);
    }

    private static void add(Map<Keyword, List<Object>> errors, String kind, Object what) {
        errors.computeIfAbsent(Keyword.of(kind), k -> new ArrayList<>()).add(what);
    }
}
