package io.cairndb.protocol;

/**
 * One '?' parameter of a prepared statement: the fields of the planner's ParameterInfo.
 *
 * @param sqlType   java.sql.Types constant
 * @param typeName  SQL type name
 * @param precision precision/length, 0 when not applicable
 * @param scale     scale, 0 when not applicable
 */
public record ParamInfo(int sqlType, String typeName, int precision, int scale) {

    void encode(WireWriter w) {
        w.writeInt(sqlType).writeString(typeName).writeInt(precision).writeInt(scale);
    }

    static ParamInfo decode(WireReader r) {
        return new ParamInfo(r.readInt(), r.readString(), r.readInt(), r.readInt());
    }
}
