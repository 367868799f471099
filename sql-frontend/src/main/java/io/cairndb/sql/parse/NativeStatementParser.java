package io.cairndb.sql.parse;

import io.cairndb.planner.SqlStateException;
import io.cairndb.sql.parse.NativeStatement.Begin;
import io.cairndb.sql.parse.NativeStatement.ColumnSpec;
import io.cairndb.sql.parse.NativeStatement.Commit;
import io.cairndb.sql.parse.NativeStatement.CreateIndex;
import io.cairndb.sql.parse.NativeStatement.CreateTable;
import io.cairndb.sql.parse.NativeStatement.CreateView;
import io.cairndb.sql.parse.NativeStatement.DropIndex;
import io.cairndb.sql.parse.NativeStatement.DropTable;
import io.cairndb.sql.parse.NativeStatement.DropView;
import io.cairndb.sql.parse.NativeStatement.QualifiedName;
import io.cairndb.sql.parse.NativeStatement.Rollback;
import io.cairndb.sql.parse.NativeStatement.SetSchema;
import io.cairndb.sql.parse.NativeStatement.SetTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses DDL, transaction control and SET statements. {@link #parse} returns null for anything else, which then
 * goes to Calcite (queries, DML, EXPLAIN).
 */
public final class NativeStatementParser {
    private static final Set<String> FIRST_WORDS =
            Set.of("CREATE", "DROP", "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SET", "ALTER");
    /** Words that end a DEFAULT expression at nesting depth 0. */
    private static final Set<String> COLUMN_CONSTRAINT_WORDS =
            Set.of("NOT", "NULL", "PRIMARY", "UNIQUE", "CONSTRAINT", "CHECK", "REFERENCES", "DEFAULT");

    private NativeStatementParser() {
    }

    /** The parsed statement, or null when {@code sql} is not one CairnDB parses itself. */
    public static NativeStatement parse(String sql) {
        // every statement passes here: look at the first word before tokenizing the whole text
        if (!FIRST_WORDS.contains(firstWord(sql))) {
            return null;
        }
        TokenStream ts = new TokenStream(sql);
        NativeStatement statement = switch (ts.next().text()) {
            case "CREATE" -> create(ts);
            case "DROP" -> drop(ts);
            case "BEGIN" -> {
                if (!ts.accept("TRANSACTION")) {
                    ts.accept("WORK");
                }
                yield new Begin(transactionModes(ts));
            }
            case "START" -> {
                ts.expect("TRANSACTION");
                yield new Begin(transactionModes(ts));
            }
            case "COMMIT", "END" -> {
                if (!ts.accept("TRANSACTION")) {
                    ts.accept("WORK");
                }
                yield new Commit();
            }
            case "ROLLBACK", "ABORT" -> {
                if (!ts.accept("TRANSACTION")) {
                    ts.accept("WORK");
                }
                yield new Rollback();
            }
            case "SET" -> set(ts);
            case "ALTER" -> alter(ts);
            default -> throw new IllegalStateException("unreachable");
        };
        ts.expectEnd();
        return statement;
    }

    /** The statement's first word in upper case, after blanks and comments; "" when it starts otherwise. */
    static String firstWord(String sql) {
        int start;
        try {
            start = SqlTokenizer.skipBlanksAndComments(sql, 0);
        } catch (io.cairndb.planner.SqlStateException unterminatedComment) {
            return ""; // not ours: Calcite's parser reports it
        }
        int i = start;
        while (i < sql.length() && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * {@code ALTER NODE id DECOMMISSION [FORCE]} and {@code ALTER TABLE t SPLIT AT VALUES (v, ...)}; other ALTER
     * statements are not supported yet.
     */
    private static NativeStatement alter(TokenStream ts) {
        if (ts.accept("TABLE")) {
            QualifiedName table = qualifiedName(ts, "table name");
            ts.expect("SPLIT");
            ts.expect("AT");
            ts.expect("VALUES");
            ts.expectSymbol("(");
            List<Object> values = new ArrayList<>();
            do {
                values.add(literal(ts));
            } while (ts.acceptSymbol(","));
            ts.expectSymbol(")");
            return new NativeStatement.AlterTableSplit(table, values);
        }
        if (ts.accept("NODE")) {
            Token id = ts.peek();
            if (id.kind() != Token.Kind.NUMBER || !id.text().matches("[0-9]{1,9}")) {
                throw ts.unexpected("a node id");
            }
            ts.next();
            ts.expect("DECOMMISSION");
            return new NativeStatement.AlterNodeDecommission(Integer.parseInt(id.text()), ts.accept("FORCE"));
        }
        throw notSupported(ts, "ALTER " + ts.peek().text());
    }

    /** A constant: a number (BigDecimal, optionally negative), a string, TRUE/FALSE or NULL. */
    private static Object literal(TokenStream ts) {
        boolean negative = ts.acceptSymbol("-");
        Token t = ts.peek();
        if (t.kind() == Token.Kind.NUMBER) {
            ts.next();
            java.math.BigDecimal n = new java.math.BigDecimal(t.text());
            return negative ? n.negate() : n;
        }
        if (!negative && t.kind() == Token.Kind.STRING) {
            ts.next();
            return t.text();
        }
        if (!negative && (t.is("TRUE") || t.is("FALSE"))) {
            ts.next();
            return t.is("TRUE");
        }
        if (!negative && t.is("NULL")) {
            ts.next();
            return null;
        }
        throw ts.unexpected("a constant");
    }

    private static NativeStatement create(TokenStream ts) {
        boolean orReplace = false;
        if (ts.accept("OR")) {
            ts.expect("REPLACE");
            orReplace = true;
        }
        if (ts.accept("TABLE")) {
            return createTable(ts);
        }
        if (ts.accept("VIEW")) {
            return createView(ts, orReplace);
        }
        boolean unique = ts.accept("UNIQUE");
        if (ts.accept("INDEX")) {
            return createIndex(ts, unique);
        }
        throw notSupported(ts, "CREATE " + ts.peek().text());
    }

    private static CreateTable createTable(TokenStream ts) {
        boolean ifNotExists = ifNotExists(ts);
        QualifiedName name = qualifiedName(ts, "table name");
        ts.expectSymbol("(");
        List<ColumnSpec> columns = new ArrayList<>();
        List<String> primaryKey = new ArrayList<>();
        List<List<String>> uniqueKeys = new ArrayList<>();
        do {
            if (ts.accept("CONSTRAINT")) {
                ts.identifier("constraint name");
                tableConstraint(ts, primaryKey, uniqueKeys, name);
            } else if (ts.peek().is("PRIMARY") || ts.peek().is("UNIQUE")) {
                tableConstraint(ts, primaryKey, uniqueKeys, name);
            } else if (ts.peek().is("CHECK") || ts.peek().is("FOREIGN")) {
                throw notSupported(ts, ts.peek().text() + " constraints");
            } else {
                columns.add(column(ts));
            }
        } while (ts.acceptSymbol(","));
        ts.expectSymbol(")");
        for (ColumnSpec c : columns) {
            if (c.primaryKey()) {
                if (!primaryKey.isEmpty()) {
                    throw new SqlStateException("42P16", "multiple primary keys for table " + name + " are not allowed");
                }
                primaryKey.add(c.name());
            }
            if (c.unique()) {
                uniqueKeys.add(List.of(c.name()));
            }
        }
        return new CreateTable(name, ifNotExists, columns, primaryKey, uniqueKeys);
    }

    private static void tableConstraint(TokenStream ts, List<String> primaryKey, List<List<String>> uniqueKeys,
                                        QualifiedName table) {
        if (ts.accept("PRIMARY")) {
            ts.expect("KEY");
            if (!primaryKey.isEmpty()) {
                throw new SqlStateException("42P16", "multiple primary keys for table " + table + " are not allowed");
            }
            primaryKey.addAll(columnList(ts));
        } else if (ts.accept("UNIQUE")) {
            uniqueKeys.add(columnList(ts));
        } else {
            throw ts.unexpected("PRIMARY KEY or UNIQUE");
        }
    }

    private static ColumnSpec column(TokenStream ts) {
        String name = ts.identifier("column name");
        Token typeStart = ts.peek();
        if (typeStart.kind() != Token.Kind.WORD) {
            throw ts.unexpected("a type for column " + name);
        }
        StringBuilder typeName = new StringBuilder(ts.next().text());
        // multi-word type names
        while (ts.peek().is("VARYING") || ts.peek().is("PRECISION")
                || (typeName.toString().equals("TIMESTAMP") || typeName.toString().equals("TIME"))
                && (ts.peek().is("WITHOUT") || ts.peek().is("WITH"))) {
            if (ts.peek().is("WITHOUT") || ts.peek().is("WITH")) {
                boolean without = ts.next().is("WITHOUT");
                ts.expect("TIME");
                ts.expect("ZONE");
                if (!without) {
                    throw notSupported(ts, "TIME ZONE types");
                }
            } else {
                typeName.append(' ').append(ts.next().text());
            }
        }
        int precision = -1;
        int scale = -1;
        if (ts.acceptSymbol("(")) {
            precision = integer(ts, "a length or precision");
            if (ts.acceptSymbol(",")) {
                scale = integer(ts, "a scale");
            }
            ts.expectSymbol(")");
        }
        boolean notNull = false;
        boolean primaryKey = false;
        boolean unique = false;
        String defaultSql = null;
        while (true) {
            if (ts.accept("NOT")) {
                ts.expect("NULL");
                notNull = true;
            } else if (ts.accept("NULL")) {
                notNull = false;
            } else if (ts.accept("PRIMARY")) {
                ts.expect("KEY");
                primaryKey = true;
                notNull = true;
            } else if (ts.accept("UNIQUE")) {
                unique = true;
            } else if (ts.accept("DEFAULT")) {
                defaultSql = expressionText(ts);
            } else if (ts.accept("CONSTRAINT")) {
                ts.identifier("constraint name");
            } else if (ts.peek().is("CHECK") || ts.peek().is("REFERENCES")) {
                throw notSupported(ts, ts.peek().text() + " constraints");
            } else {
                break;
            }
        }
        return new ColumnSpec(name, typeName.toString(), precision, scale, notNull, primaryKey, unique, defaultSql);
    }

    /** Cuts out the text of an expression: up to a ',' or ')' at depth 0, or a column constraint keyword. */
    private static String expressionText(TokenStream ts) {
        Token first = ts.peek();
        int depth = 0;
        Token last = null;
        while (true) {
            Token t = ts.peek();
            if (t.kind() == Token.Kind.END) {
                break;
            }
            if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")")
                    || (last != null && t.kind() == Token.Kind.WORD && COLUMN_CONSTRAINT_WORDS.contains(t.text())))) {
                break;
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
            last = ts.next();
        }
        if (last == null) {
            throw ts.unexpected("an expression");
        }
        return ts.sql().substring(first.start(), last.end());
    }

    private static CreateView createView(TokenStream ts, boolean orReplace) {
        QualifiedName name = qualifiedName(ts, "view name");
        List<String> columns = null;
        if (ts.peek().isSymbol("(")) {
            columns = columnList(ts);
        }
        Token as = ts.peek();
        ts.expect("AS");
        String query = ts.sql().substring(as.end()).trim();
        while (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1).trim();
        }
        if (query.isEmpty()) {
            throw ts.unexpected("a query");
        }
        while (!ts.atEnd()) {
            ts.next();
        }
        return new CreateView(name, columns, query, orReplace);
    }

    private static CreateIndex createIndex(TokenStream ts, boolean unique) {
        boolean ifNotExists = ifNotExists(ts);
        String name = ts.identifier("index name");
        ts.expect("ON");
        QualifiedName table = qualifiedName(ts, "table name");
        ts.expectSymbol("(");
        List<String> columns = new ArrayList<>();
        List<Boolean> descending = new ArrayList<>();
        do {
            columns.add(ts.identifier("column name"));
            boolean desc = false;
            if (ts.accept("DESC")) {
                desc = true;
            } else {
                ts.accept("ASC");
            }
            descending.add(desc);
        } while (ts.acceptSymbol(","));
        ts.expectSymbol(")");
        return new CreateIndex(name, table, columns, descending, unique, ifNotExists);
    }

    private static NativeStatement drop(TokenStream ts) {
        if (ts.accept("TABLE")) {
            boolean ifExists = ifExists(ts);
            List<QualifiedName> names = nameList(ts, "table name");
            return new DropTable(names, ifExists, cascade(ts));
        }
        if (ts.accept("VIEW")) {
            boolean ifExists = ifExists(ts);
            List<QualifiedName> names = nameList(ts, "view name");
            return new DropView(names, ifExists, cascade(ts));
        }
        if (ts.accept("INDEX")) {
            boolean ifExists = ifExists(ts);
            QualifiedName name = qualifiedName(ts, "index name");
            if (ts.accept("ON")) {
                // MySQL style "DROP INDEX i ON t": index names are unique per schema, the table adds nothing
                qualifiedName(ts, "table name");
            }
            cascade(ts);
            return new DropIndex(name, ifExists);
        }
        throw notSupported(ts, "DROP " + ts.peek().text());
    }

    private static NativeStatement set(TokenStream ts) {
        if (ts.accept("SCHEMA")) {
            return new SetSchema(schemaValue(ts));
        }
        if (ts.accept("SEARCH_PATH")) {
            if (!ts.accept("TO")) {
                ts.expectSymbol("=");
            }
            return new SetSchema(schemaValue(ts));
        }
        boolean session = false;
        if (ts.accept("SESSION")) {
            ts.expect("CHARACTERISTICS");
            ts.expect("AS");
            session = true;
        }
        if (ts.accept("TRANSACTION")) {
            return new SetTransaction(session, transactionModes(ts));
        }
        throw notSupported(ts, "SET " + ts.peek().text());
    }

    private static String schemaValue(TokenStream ts) {
        Token t = ts.next();
        if (t.kind() == Token.Kind.STRING || t.kind() == Token.Kind.QUOTED_IDENTIFIER) {
            return t.text();
        }
        if (t.kind() == Token.Kind.WORD) {
            return t.text();
        }
        throw SqlTokenizer.syntax("expected a schema name", t.start());
    }

    /** ISOLATION LEVEL ... / READ ONLY / READ WRITE, comma separated; returns the read-only choice or null. */
    private static Boolean transactionModes(TokenStream ts) {
        Boolean readOnly = null;
        while (!ts.atEnd() && !ts.peek().isSymbol(";")) {
            if (ts.accept("ISOLATION")) {
                ts.expect("LEVEL");
                if (ts.accept("SERIALIZABLE")) {
                    continue;
                }
                if (ts.accept("REPEATABLE")) {
                    ts.expect("READ");
                } else {
                    ts.expect("READ");
                    if (!ts.accept("COMMITTED")) {
                        ts.expect("UNCOMMITTED");
                    }
                }
                // every weaker level is served by SERIALIZABLE, which is stronger than each of them
            } else if (ts.accept("READ")) {
                if (ts.accept("ONLY")) {
                    readOnly = true;
                } else {
                    ts.expect("WRITE");
                    readOnly = false;
                }
            } else if (!ts.acceptSymbol(",")) {
                throw ts.unexpected("ISOLATION LEVEL, READ ONLY or READ WRITE");
            }
        }
        return readOnly;
    }

    private static List<QualifiedName> nameList(TokenStream ts, String what) {
        List<QualifiedName> names = new ArrayList<>();
        do {
            names.add(qualifiedName(ts, what));
        } while (ts.acceptSymbol(","));
        return names;
    }

    private static boolean cascade(TokenStream ts) {
        if (ts.accept("CASCADE")) {
            return true;
        }
        ts.accept("RESTRICT");
        return false;
    }

    private static QualifiedName qualifiedName(TokenStream ts, String what) {
        String first = ts.identifier(what);
        if (ts.acceptSymbol(".")) {
            return new QualifiedName(first, ts.identifier(what));
        }
        return new QualifiedName(null, first);
    }

    private static List<String> columnList(TokenStream ts) {
        ts.expectSymbol("(");
        List<String> columns = new ArrayList<>();
        do {
            columns.add(ts.identifier("column name"));
        } while (ts.acceptSymbol(","));
        ts.expectSymbol(")");
        return columns;
    }

    private static boolean ifNotExists(TokenStream ts) {
        if (ts.accept("IF")) {
            ts.expect("NOT");
            ts.expect("EXISTS");
            return true;
        }
        return false;
    }

    private static boolean ifExists(TokenStream ts) {
        if (ts.accept("IF")) {
            ts.expect("EXISTS");
            return true;
        }
        return false;
    }

    private static int integer(TokenStream ts, String what) {
        Token t = ts.next();
        if (t.kind() != Token.Kind.NUMBER) {
            throw SqlTokenizer.syntax("expected " + what, t.start());
        }
        try {
            return Integer.parseInt(t.text());
        } catch (NumberFormatException e) {
            throw SqlTokenizer.syntax("expected " + what, t.start());
        }
    }

    private static SqlStateException notSupported(TokenStream ts, String what) {
        return new SqlStateException("0A000", what + " is not supported");
    }
}
