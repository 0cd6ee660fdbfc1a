package io.mynode.sql.exec;

import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.plan.Expression;
import io.mynode.sql.plan.Optimizer;
import io.mynode.sql.plan.Plan;
import io.mynode.sql.store.Index;
import io.mynode.sql.store.KeyEncoding;
import io.mynode.sql.store.Table;
import io.mynode.sql.store.TableData;
import io.mynode.sql.types.Operators;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * INSERT, UPDATE and DELETE. UPDATE and DELETE read all their rows first, then write (no
 * Halloween problem); INSERT writes as its source produces rows, since a source reading the
 * table it fills ({@code INSERT INTO t SELECT ... FROM t}) reads a snapshot taken before the
 * statement: the statement's writes stay in its buffer until it ends... (see {@link #insert}).
 *
 * <p>ON CONFLICT checks each proposed row, in order, against the primary key and the unique
 * indexes (or the one the target names): DO NOTHING skips a row that conflicts; DO UPDATE
 * changes the row it conflicts with instead, unless its WHERE says no, and refuses to change
 * one row twice in a statement, as PostgreSQL does. RETURNING evaluates its list on each row
 * written: the new row for INSERT and UPDATE, the old one for DELETE.
 */
final class Writes {
    private final TableData data;
    private final Executor executor;

    Writes(TableData data, Executor executor) {
        this.data = data;
        this.executor = executor;
    }

    Executor.Written run(Plan plan) {
        return switch (plan) {
            case Plan.Insert i -> insert(i);
            case Plan.Update u -> {
                List<List<Value>> old = Executor.materialize(executor.rows(u.source()));
                List<List<Value>> updated = new ArrayList<>(old.size());
                for (List<Value> row : old) {
                    Value[] next = row.toArray(Value[]::new);
                    for (Plan.Assignment a : u.assignments()) {
                        next[a.column()] = a.value().evaluate(row, executor);
                    }
                    updated.add(TableData.validate(u.table(), List.of(next)));
                }
                // Delete every old row first, then insert the new ones, so a key may move onto
                // a key another updated row is leaving.
                old.forEach(row -> data.delete(u.table(), row));
                updated.forEach(row -> data.insert(u.table(), row));
                data.finishStatement();
                yield new Executor.Written(old.size(), returning(u.returning(), updated));
            }
            case Plan.Delete d -> {
                List<List<Value>> old = Executor.materialize(executor.rows(d.source()));
                old.forEach(row -> data.delete(d.table(), row));
                data.finishStatement();
                yield new Executor.Written(old.size(), returning(d.returning(), old));
            }
            default -> throw new InternalFailure("not a write: " + plan.getClass().getSimpleName());
        };
    }

    /**
     * Inserts the source's rows as they come. The source reads through the same statement
     * buffer, so {@code INSERT INTO t SELECT * FROM t} would see rows it has just inserted; such
     * a source is read whole before the first write, as UPDATE's is.
     */
    private Executor.Written insert(Plan.Insert i) {
        Table table = i.table();
        List<List<Value>> written = new ArrayList<>();
        Set<ByteBuffer> touched = new HashSet<>();
        long n = 0;
        try (RowStream s = reads(i.source(), table) ? RowStream.of(Executor.materialize(executor.rows(i.source())).iterator())
                : executor.rows(i.source())) {
            while (s.hasNext()) {
                List<Value> row = TableData.validate(table, data.withKey(table, s.next()));
                if (i.conflict().isPresent()) {
                    Plan.Conflict c = i.conflict().get();
                    Optional<List<Value>> existing = conflicting(table, row, c.target());
                    if (existing.isPresent()) {
                        if (c.update().isEmpty()) {
                            continue;
                        }
                        List<Value> old = existing.get();
                        if (!touched.add(key(table, old))) {
                            throw new InvalidInputException(SqlState.CARDINALITY_VIOLATION, "ON CONFLICT DO UPDATE cannot change row "
                                    + TableData.literal(table.keyOf(old)) + " of table " + table.name()
                                    + " a second time in one statement; make the proposed rows' keys distinct");
                        }
                        List<Value> both = Joins.concat(old, row);
                        if (c.where().isPresent() && !Operators.truthy(c.where().get().evaluate(both, executor))) {
                            continue;
                        }
                        Value[] next = old.toArray(Value[]::new);
                        for (Plan.Assignment a : c.update().get()) {
                            next[a.column()] = a.value().evaluate(both, executor);
                        }
                        List<Value> updated = TableData.validate(table, List.of(next));
                        data.delete(table, old);
                        data.insert(table, updated);
                        touched.add(key(table, updated));
                        collect(i.returning(), updated, written);
                        n++;
                        continue;
                    }
                    touched.add(key(table, row));
                }
                data.insert(table, row);
                collect(i.returning(), row, written);
                n++;
            }
        }
        data.finishStatement();
        return new Executor.Written(n, written);
    }

    /** The row that a proposed row's primary key or unique values collide with, if any. */
    private Optional<List<Value>> conflicting(Table table, List<Value> row, List<Integer> target) {
        java.util.Set<Integer> named = new java.util.HashSet<>(target);
        if (target.isEmpty() || named.equals(new java.util.HashSet<>(table.primaryKey()))) {
            Optional<List<Value>> found = data.get(table, table.keyOf(row));
            if (found.isPresent()) {
                return found;
            }
        }
        for (Index index : table.indexes()) {
            List<Integer> columns = table.positions(index.columns());
            List<Value> values = columns.stream().map(row::get).toList();
            if (!index.unique() || values.stream().anyMatch(v -> v instanceof Value.Null)
                    || !target.isEmpty() && !named.equals(new java.util.HashSet<>(columns))) {
                continue;
            }
            List<List<Value>> pks = data.lookup(table, index, values);
            if (!pks.isEmpty()) {
                return data.get(table, pks.getFirst());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a plan reads {@code table}, in a node or in a subquery, so that writing the table
     * while reading it would see the writes.
     */
    private static boolean reads(Plan plan, Table table) {
        boolean[] found = {false};
        visit(plan, p -> {
            if (p instanceof Plan.Scan s && s.table().key().equals(table.key())
                    || p instanceof Plan.KeyScan k && k.table().key().equals(table.key())
                    || p instanceof Plan.IndexScan x && x.table().key().equals(table.key())
                    || p instanceof Plan.IndexJoin j && j.right().table().key().equals(table.key())) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /** Calls {@code f} on every node of a plan and of the plans of its subqueries. */
    private static void visit(Plan plan, java.util.function.Consumer<Plan> f) {
        f.accept(plan);
        Optimizer.mapChildren(plan, c -> {
            visit(c, f);
            return c;
        });
        Optimizer.mapExpressions(Optimizer.mapChildren(plan, c -> new Plan.Nothing(c.width())), e -> e.transform(x -> {
            if (x instanceof Expression.Subquery q) {
                visit(q.plan(), f);
            }
            return x;
        }));
    }

    private static ByteBuffer key(Table table, List<Value> row) {
        return ByteBuffer.wrap(KeyEncoding.key((byte) 0, table.keyOf(row).toArray(Value[]::new)));
    }

    private void collect(Optional<Plan.Returning> returning, List<Value> row, List<List<Value>> out) {
        if (returning.isPresent()) {
            out.add(evaluate(returning.get(), row));
        }
    }

    private List<List<Value>> returning(Optional<Plan.Returning> returning, List<List<Value>> rows) {
        if (returning.isEmpty()) {
            return List.of();
        }
        List<List<Value>> out = new ArrayList<>(rows.size());
        for (List<Value> row : rows) {
            out.add(evaluate(returning.get(), row));
        }
        return out;
    }

    private List<Value> evaluate(Plan.Returning returning, List<Value> row) {
        Value[] out = new Value[returning.expressions().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = returning.expressions().get(i).evaluate(row, executor);
        }
        return List.of(out);
    }
}
