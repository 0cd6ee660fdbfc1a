package io.mynode.transport.grpc;

import io.mynode.kernel.sql.TableSchema;
import io.mynode.transport.grpc.proto.ColumnSchema;
import io.mynode.transport.grpc.proto.ForeignKey;
import io.mynode.transport.grpc.proto.IndexSchema;
import io.mynode.transport.grpc.proto.SchemasReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Conversions between the kernel's {@link TableSchema} and its protobuf message, both ways, for
 * the {@code Schemas} call. Decoding is as strict as {@link Wire}'s: a column without a type is a
 * {@link Wire.ProtocolViolation}.
 */
final class SchemaWire {
    private SchemaWire() {}

    static SchemasReply reply(List<TableSchema> tables) {
        SchemasReply.Builder b = SchemasReply.newBuilder();
        for (TableSchema t : tables) {
            var tb = io.mynode.transport.grpc.proto.TableSchema.newBuilder().setName(t.name()).addAllPrimaryKey(t.primaryKey());
            for (TableSchema.ColumnSchema c : t.columns()) {
                var cb = ColumnSchema.newBuilder().setName(c.name()).setType(Wire.sqlType(c.type())).setNullable(c.nullable());
                c.defaultValue().ifPresent(cb::setDefaultValue);
                tb.addColumns(cb);
            }
            for (TableSchema.IndexSchema i : t.indexes()) {
                tb.addIndexes(IndexSchema.newBuilder().setName(i.name()).addAllColumns(i.columns()).setUnique(i.unique()));
            }
            for (TableSchema.ForeignKey f : t.foreignKeys()) {
                tb.addForeignKeys(ForeignKey.newBuilder().setName(f.name()).addAllColumns(f.columns())
                        .setReferencedTable(f.referencedTable()).addAllReferencedColumns(f.referencedColumns()));
            }
            b.addTables(tb);
        }
        return b.build();
    }

    static List<TableSchema> tables(SchemasReply reply) {
        List<TableSchema> out = new ArrayList<>(reply.getTablesCount());
        for (var t : reply.getTablesList()) {
            List<TableSchema.ColumnSchema> columns = new ArrayList<>();
            for (ColumnSchema c : t.getColumnsList()) {
                columns.add(new TableSchema.ColumnSchema(c.getName(), Wire.sqlType(c.getType()), c.getNullable(),
                        c.hasDefaultValue() ? Optional.of(c.getDefaultValue()) : Optional.empty()));
            }
            List<TableSchema.IndexSchema> indexes = new ArrayList<>();
            for (IndexSchema i : t.getIndexesList()) {
                indexes.add(new TableSchema.IndexSchema(i.getName(), i.getColumnsList(), i.getUnique()));
            }
            List<TableSchema.ForeignKey> keys = new ArrayList<>();
            for (ForeignKey f : t.getForeignKeysList()) {
                keys.add(new TableSchema.ForeignKey(f.getName(), f.getColumnsList(), f.getReferencedTable(),
                        f.getReferencedColumnsList()));
            }
            out.add(new TableSchema(t.getName(), columns, t.getPrimaryKeyList(), indexes, keys));
        }
        return out;
    }
}
