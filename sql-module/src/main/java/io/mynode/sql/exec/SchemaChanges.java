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
import io.mynode.sql.store.ForeignKey;
import io.mynode.sql.store.Index;
import io.mynode.sql.store.Table;
import io.mynode.sql.store.TableData;
import io.mynode.sql.types.DataType;
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
    /** The name a hidden primary key takes, with {@code _1}, {@code _2}, ... if a column has it. */
    static final String ROW_ID = "rowid";

    private final Catalog catalog;
    private final TableData data;
    private final String database;

    /** Schema changes whose unqualified names refer to {@code database}. */
    public SchemaChanges(TableData data, String database) {
        this.data = data;
        this.catalog = data.catalog();
        this.database = database;
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
        if (catalog.table(database, name).isPresent()) {
            throw new SemanticException(SqlState.DUPLICATE_TABLE, "table " + Catalog.display(database, name) + " already exists");
        }
        Set<String> names = new HashSet<>();
        List<Integer> declaredKey = new ArrayList<>();
        for (int i = 0; i < create.columns().size(); i++) {
            Ast.ColumnDef def = create.columns().get(i);
            if (!names.add(def.name())) {
                throw new SemanticException(SqlState.DUPLICATE_COLUMN, "column " + def.name() + " appears more than once in table " + name);
            }
            if (def.primaryKey()) {
                if (!declaredKey.isEmpty()) {
                    throw new SemanticException(SqlState.INVALID_TABLE_DEFINITION, "table " + name + " has more than one PRIMARY KEY column");
                }
                if (def.nullable().orElse(false)) {
                    throw new SemanticException(SqlState.INVALID_TABLE_DEFINITION, "primary key column " + def.name() + " cannot be NULL");
                }
                declaredKey.add(i);
            }
        }
        // A table without a declared key gets a hidden one in front, slot 0.
        boolean hidden = declaredKey.isEmpty();
        int offset = hidden ? 1 : 0;
        List<Column> columns = new ArrayList<>();
        if (hidden) {
            String rowId = ROW_ID;
            for (int n = 1; names.contains(rowId); n++) {
                rowId = ROW_ID + "_" + n;
            }
            columns.add(new Column(rowId, DataType.INTEGER, false, Optional.empty(), true, 0, Value.NULL));
        }
        for (int i = 0; i < create.columns().size(); i++) {
            Ast.ColumnDef def = create.columns().get(i);
            boolean nullable = !def.primaryKey() && def.nullable().orElse(true);
            columns.add(new Column(def.name(), def.type(), nullable, defaultValue(def, nullable), i + offset));
        }
        List<Integer> primaryKey = hidden ? List.of(0) : declaredKey;
        Table draft = new Table(database, name, Value.of(data.catalog().store().uniqueId()), columns, primaryKey,
                List.of(), List.of(), columns.size());
        List<Index> indexes = new ArrayList<>();
        List<ForeignKey> keys = new ArrayList<>();
        for (Ast.ColumnDef def : create.columns()) {
            if (def.references().isPresent()) {
                ForeignKey fk = new ForeignKey(draft.implicitName(def.name(), "fkey"), List.of(def.name()), database,
                        def.references().get());
                checkForeignKey(draft, fk);
                keys.add(fk);
            }
            if (def.primaryKey()) {
                continue;
            }
            if (def.unique()) {
                indexes.add(newIndex(draft.implicitName(def.name(), "key"), List.of(def.name()), true,
                        Index.Origin.UNIQUE_CONSTRAINT));
            }
            if (def.index()) {
                indexes.add(newIndex(draft.implicitName(def.name(), "idx"), List.of(def.name()), false,
                        Index.Origin.COLUMN_OPTION));
            }
        }
        Table table = draft.withIndexes(indexes).withForeignKeys(keys);
        table = withForeignKeyIndexes(table);
        for (Index i : table.indexes()) {
            checkIndexName(i.name());
        }
        catalog.save(table);
        return "Created table " + name;
    }

    private Optional<Value> defaultValue(Ast.ColumnDef def, boolean nullable) {
        if (def.defaultValue().isEmpty()) {
            return Optional.empty();
        }
        Value v = Planner.constant(def.defaultValue().get(), def.type(), "DEFAULT of column " + def.name());
        if (v instanceof Value.Null && !nullable) {
            throw new SemanticException(SqlState.INVALID_TABLE_DEFINITION, "DEFAULT of column " + def.name() + " is NULL but the column is NOT NULL");
        }
        return Optional.of(v);
    }

    private Index newIndex(String name, List<String> columns, boolean unique, Index.Origin origin) {
        return new Index(name, Value.of(catalog.store().uniqueId()), columns, unique, origin);
    }

    /**
     * Checks that a foreign key of {@code child} (which may be the table being created) matches
     * its parent's primary key: as many columns, of the same types.
     */
    private void checkForeignKey(Table child, ForeignKey fk) {
        boolean self = fk.references(child.database(), child.name());
        Table parent = self ? child : catalog.require(fk.parentDatabase(), fk.parentTable());
        if (parent.hiddenKey()) {
            throw new SemanticException(SqlState.INVALID_TABLE_DEFINITION, "table " + parent.name() + " has no primary key for foreign key " + fk.name()
                    + " to reference");
        }
        List<Column> keyColumns = parent.primaryKeyColumns();
        if (keyColumns.size() != fk.columns().size()) {
            throw new SemanticException(SqlState.INVALID_TABLE_DEFINITION, "foreign key " + fk.name() + " has " + fk.columns().size()
                    + " columns but the primary key of table " + parent.name() + " has " + keyColumns.size());
        }
        for (int i = 0; i < keyColumns.size(); i++) {
            Column c = child.column(fk.columns().get(i));
            if (c.type() != keyColumns.get(i).type()) {
                throw new SemanticException(SqlState.DATATYPE_MISMATCH, "column " + child.name() + "." + c.name() + " is " + c.type()
                        + " but references primary key " + parent.name() + "." + keyColumns.get(i).name()
                        + " of type " + keyColumns.get(i).type());
            }
        }
    }

    /**
     * Adds, for each foreign key that no index or primary key starts with, an index on its
     * columns: a parent's delete looks referencing rows up through it.
     */
    private Table withForeignKeyIndexes(Table table) {
        List<Index> indexes = new ArrayList<>(table.indexes());
        for (ForeignKey fk : table.foreignKeys()) {
            boolean byKey = table.primaryKeyNames().size() >= fk.columns().size()
                    && table.primaryKeyNames().subList(0, fk.columns().size()).equals(fk.columns());
            if (!byKey && table.withIndexes(indexes).indexesOn(fk.columns()).isEmpty()) {
                indexes.add(newIndex(fk.name(), fk.columns(), false, Index.Origin.FOREIGN_KEY));
            }
        }
        return table.withIndexes(indexes);
    }

    private void checkIndexName(String index) {
        Optional<String> owner = catalog.indexOwner(database, index);
        if (owner.isPresent()) {
            throw new SemanticException(SqlState.DUPLICATE_TABLE, "index " + index + " already exists on table " + owner.get());
        }
    }

    private String dropTable(Ast.DropTable drop) {
        Optional<Table> table = catalog.table(database, drop.name());
        if (table.isEmpty()) {
            if (drop.ifExists()) {
                // Say what happened: nothing was dropped, and that is not an error here.
                return "Table " + drop.name() + " does not exist; nothing dropped";
            }
            throw new SemanticException(SqlState.UNDEFINED_TABLE, "table " + Catalog.display(database, drop.name()) + " does not exist");
        }
        List<Table> referencing = catalog.referencing(table.get());
        if (!referencing.isEmpty()) {
            throw new ConstraintViolation(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop table " + drop.name() + ": table "
                    + referencing.getFirst().name() + " references it");
        }
        data.deleteAll(table.get());
        catalog.remove(table.get());
        return "Dropped table " + drop.name();
    }

    private String createIndex(Ast.CreateIndex create) {
        Table table = catalog.require(database, create.table());
        List<String> columns = List.of(create.column());
        table.positions(columns);
        if (table.primaryKeyNames().equals(columns)) {
            throw new SemanticException(SqlState.INVALID_TABLE_DEFINITION, "column " + table.name() + "." + create.column()
                    + " is the primary key, which needs no index");
        }
        checkIndexName(create.name());
        Index index = newIndex(create.name(), columns, create.unique(), Index.Origin.CREATED);
        List<Index> indexes = new ArrayList<>(table.indexes());
        indexes.add(index);
        Table updated = table.withIndexes(indexes);
        data.backfill(updated, index);
        catalog.save(updated);
        return "Created index " + create.name();
    }

    private String dropIndex(Ast.DropIndex drop) {
        Optional<String> owner = catalog.indexOwner(database, drop.name());
        if (owner.isEmpty()) {
            if (drop.ifExists()) {
                return "Index " + drop.name() + " does not exist; nothing dropped";
            }
            throw new SemanticException(SqlState.UNDEFINED_OBJECT, "index " + drop.name() + " does not exist");
        }
        Table table = catalog.require(database, owner.get());
        Index index = table.index(drop.name()).orElseThrow();
        List<Index> indexes = new ArrayList<>(table.indexes());
        indexes.remove(index);
        for (ForeignKey fk : table.foreignKeys()) {
            boolean byKey = table.primaryKeyNames().size() >= fk.columns().size()
                    && table.primaryKeyNames().subList(0, fk.columns().size()).equals(fk.columns());
            if (index.startsWith(fk.columns()) && !byKey && table.withIndexes(indexes).indexesOn(fk.columns()).isEmpty()) {
                throw new SemanticException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop index " + drop.name() + ": foreign key " + fk.name()
                        + " of table " + table.name() + " is checked through it");
            }
        }
        data.dropIndexEntries(table, index);
        catalog.forgetIndex(database, drop.name());
        catalog.save(table.withIndexes(indexes));
        return "Dropped index " + drop.name();
    }
}
