package io.cairndb.protocol;

/**
 * One result column as sent to the client: the fields of the planner's ResultColumn.
 *
 * @param label     column label (AS name, or the column name)
 * @param name      underlying column name ("" when computed)
 * @param schema    underlying table's schema ("" when computed)
 * @param table     underlying table ("" when computed)
 * @param sqlType   java.sql.Types constant
 * @param typeName  SQL type name
 * @param precision precision/length, 0 when not applicable
 * @param scale     scale, 0 when not applicable
 * @param nullable  whether the column may be NULL
 */
public record ColumnInfo(String label, String name, String schema, String table, int sqlType, String typeName,
                         int precision, int scale, boolean nullable) {

    void encode(WireWriter w) {
        w.writeString(label).writeString(name).writeString(schema).writeString(table).writeInt(sqlType)
                .writeString(typeName).writeInt(precision).writeInt(scale).writeBoolean(nullable);
    }

    static ColumnInfo decode(WireReader r) {
        return new ColumnInfo(r.readString(), r.readString(), r.readString(), r.readString(), r.readInt(),
                r.readString(), r.readInt(), r.readInt(), r.readBoolean());
    }
}
