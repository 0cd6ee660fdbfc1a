package io.mynode.sql.exec;

import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.ConstraintViolation;
import io.mynode.kernel.error.SemanticException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.parse.Ast;
import io.mynode.sql.plan.Planner;
import io.mynode.sql.store.Catalog;
import io.mynode.sql.store.Column;
import io.mynode.sql.store.Index;
import io.mynode.sql.store.Table;
import io.mynode.sql.store.TableData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CREATE and DROP of tables and indexes. Each validates everything first, then writes the
 * catalog and the data through the statement's buffer, so a refused change writes nothing and
 * an accepted one commits or rolls back with its transaction.
 */
public final class SchemaChanges {
    private final Catalog catalog;
    private final TableData data;

    public SchemaChanges(TableData data) {
        this.data = data;
        this.catalog = data.catalog();
    }

    /** Runs a DDL statement; returns the message the user sees. */
    public String run(Ast.Statement statement) {
        return switch (statement) {
            case Ast.CreateTable c -> createTable(c);
            case Ast.DropTable d -> dropTable(d);
            case Ast.CreateIndex c -> createIndex(c);
            case Ast.DropIndex d -> dropIndex(d);
            default -> throw new InternalFailure("not DDL: " + statement.getClass().getSimpleName());
        };
    }

    private String createTable(Ast.CreateTable create) {
        String name = create.name();
        if (catalog.table(name).isPresent()) {
            throw new SemanticException(SqlState.DUPLICATE_TABLE, "table " + name + " already exists");
        }
        List<Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int primaryKey = -1;
        for (int i = 0; i < create.columns().size(); i++) {
            Ast.ColumnDef def = create.columns().get(i);
            if (!names.add(def.name())) {
                throw new SemanticException(SqlState.DUPLICATE_COLUMN, "column " + def.name() + " appears more than once in table " + name);
            }
            if (def.primaryKey()) {
                if (primaryKey >= 0) {
                    throw new SemanticException(SqlState.INVALID_TABLE_DEFINITION, "table " + name + " has more than one PRIMARY KEY column");
                }
                if (def.nullable().orElse(false)) {
                    throw new SemanticException(SqlState.INVALID_TABLE_DEFINITION, "primary key column " + def.name() + " cannot be NULL");
                }
                primaryKey = i;
            }
            boolean nullable = !def.primaryKey() && def.nullable().orElse(true);
            Optional<Value> defaultValue = Optional.empty();
            if (def.defaultValue().isPresent()) {
                Value v = Planner.constant(def.defaultValue().get(), def.type(), "DEFAULT of column " + def.name());
                if (v instanceof Value.Null && !nullable) {
                    throw new SemanticException(SqlState.INVALID_TABLE_DEFINITION, "DEFAULT of column " + def.name() + " is NULL but the column is NOT NULL");
                }
                defaultValue = Optional.of(v);
            }
            columns.add(new Column(def.name(), def.type(), nullable, defaultValue, def.references()));
        }
        if (primaryKey < 0) {
            throw new SemanticException(SqlState.INVALID_TABLE_DEFINITION, "table " + name + " needs a PRIMARY KEY column");
        }
        Table draft = new Table(name, columns, primaryKey, List.of());
        List<Index> indexes = new ArrayList<>();
        for (Ast.ColumnDef def : create.columns()) {
            if (def.references().isPresent()) {
                String parentName = def.references().get();
                Table parent = parentName.equals(name) ? draft : catalog.require(parentName);
                if (parent.primaryKeyColumn().type() != def.type()) {
                    throw new SemanticException(SqlState.DATATYPE_MISMATCH, "column " + name + "." + def.name() + " is " + def.type()
                            + " but references primary key " + parentName + "." + parent.primaryKeyColumn().name()
                            + " of type " + parent.primaryKeyColumn().type());
                }
            }
            if (def.primaryKey()) {
                continue;
            }
            if (def.unique()) {
                indexes.add(new Index(draft.implicitName(def.name(), "key"), def.name(), true, true));
            }
            if (def.index()) {
                indexes.add(new Index(draft.implicitName(def.name(), "idx"), def.name(), false, true));
            }
            if (def.references().isPresent() && !def.unique() && !def.index()) {
                // Foreign keys are checked through an index on the referencing column.
                indexes.add(new Index(draft.implicitName(def.name(), "fkey"), def.name(), false, true));
            }
        }
        for (Index i : indexes) {
            checkIndexName(i.name());
        }
        catalog.save(draft.withIndexes(indexes));
        return "Created table " + name;
    }

    private void checkIndexName(String index) {
        Optional<String> owner = catalog.indexOwner(index);
        if (owner.isPresent()) {
            throw new SemanticException(SqlState.DUPLICATE_TABLE, "index " + index + " already exists on table " + owner.get());
        }
    }

    private String dropTable(Ast.DropTable drop) {
        Optional<Table> table = catalog.table(drop.name());
        if (table.isEmpty()) {
            if (drop.ifExists()) {
                // Say what happened: nothing was dropped, and that is not an error here.
                return "Table " + drop.name() + " does not exist; nothing dropped";
            }
            throw new SemanticException(SqlState.UNDEFINED_TABLE, "table " + drop.name() + " does not exist");
        }
        List<Table> referencing = catalog.referencing(drop.name());
        if (!referencing.isEmpty()) {
            throw new ConstraintViolation(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop table " + drop.name() + ": table "
                    + referencing.getFirst().name() + " references it");
        }
        data.truncate(table.get());
        catalog.remove(table.get());
        return "Dropped table " + drop.name();
    }

    private String createIndex(Ast.CreateIndex create) {
        Table table = catalog.require(create.table());
        int column = table.position(create.column());
        if (column == table.primaryKey()) {
            throw new SemanticException(SqlState.INVALID_TABLE_DEFINITION, "column " + table.name() + "." + create.column()
                    + " is the primary key, which needs no index");
        }
        checkIndexName(create.name());
        Index index = new Index(create.name(), create.column(), create.unique(), false);
        List<Index> indexes = new ArrayList<>(table.indexes());
        indexes.add(index);
        Table updated = table.withIndexes(indexes);
        data.backfill(updated, index);
        catalog.save(updated);
        return "Created index " + create.name();
    }

    private String dropIndex(Ast.DropIndex drop) {
        Optional<String> owner = catalog.indexOwner(drop.name());
        if (owner.isEmpty()) {
            if (drop.ifExists()) {
                return "Index " + drop.name() + " does not exist; nothing dropped";
            }
            throw new SemanticException(SqlState.UNDEFINED_OBJECT, "index " + drop.name() + " does not exist");
        }
        Table table = catalog.require(owner.get());
        Index index = table.index(drop.name()).orElseThrow();
        Column column = table.columns().get(table.position(index.column()));
        if (column.references().isPresent() && table.indexesOn(column.name()).size() == 1) {
            throw new SemanticException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop index " + drop.name() + ": the foreign key of column "
                    + table.name() + "." + column.name() + " is checked through it");
        }
        data.dropIndexEntries(table, index);
        List<Index> indexes = new ArrayList<>(table.indexes());
        indexes.remove(index);
        catalog.forgetIndex(drop.name());
        catalog.save(table.withIndexes(indexes));
        return "Dropped index " + drop.name();
    }
}
