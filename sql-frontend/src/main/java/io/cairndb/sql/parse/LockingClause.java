package io.cairndb.sql.parse;

import io.cairndb.planner.SqlStateException;
import java.util.List;

/**
 * The row-locking clause that ends a query — {@code FOR UPDATE}, {@code FOR NO KEY UPDATE}, {@code FOR SHARE},
 * {@code FOR KEY SHARE}, each optionally {@code OF table, …} and {@code NOWAIT}, repeatable — cut off before
 * Calcite (which has no such clause) parses the query. Every strength takes the same exclusive row lock, on
 * every row the query reads ({@code OF} is accepted and not narrowed to its tables): stronger than PostgreSQL
 * asks for, never weaker. {@code SKIP LOCKED} is refused (0A000): it would return a different result set.
 *
 * @param query  the statement without the clause
 * @param noWait whether a row another transaction locked fails the statement (55P03) instead of waiting
 */
public record LockingClause(String query, boolean noWait) {

    /** The clause ending {@code sql}, or null when it has none (or the text does not end in one). */
    public static LockingClause of(String sql) {
        if (!mentionsFor(sql)) {
            return null; // most statements: no need to tokenize (this runs for every statement)
        }
        List<Token> tokens;
        try {
            tokens = SqlTokenizer.tokenize(sql);
        } catch (SqlStateException e) {
            return null; // not ours to report: the query parser says what is wrong
        }
        int end = tokens.size() - 1; // the END token
        if (end > 0 && tokens.get(end - 1).isSymbol(";")) {
            end--;
        }
        int first = -1;
        int depth = 0;
        for (int i = 0; i < end; i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && t.is("FOR") && strengthLength(tokens, i + 1) > 0) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return null;
        }
        boolean noWait = false;
        int i = first;
        while (i < end) {
            if (!tokens.get(i).is("FOR")) {
                return null;
            }
            int strength = strengthLength(tokens, i + 1);
            if (strength == 0) {
                return null;
            }
            i += 1 + strength;
            if (i < end && tokens.get(i).is("OF")) {
                do {
                    i++; // a table name, possibly qualified
                    if (i >= end || !tokens.get(i).isIdentifier()) {
                        return null;
                    }
                    i++;
                    while (i + 1 < end && tokens.get(i).isSymbol(".") && tokens.get(i + 1).isIdentifier()) {
                        i += 2;
                    }
                } while (i < end && tokens.get(i).isSymbol(","));
            }
            if (i < end && tokens.get(i).is("NOWAIT")) {
                noWait = true;
                i++;
            } else if (i + 1 < end && tokens.get(i).is("SKIP") && tokens.get(i + 1).is("LOCKED")) {
                throw new SqlStateException("0A000", "SKIP LOCKED is not supported; use FOR UPDATE (which waits "
                        + "for locked rows) or FOR UPDATE NOWAIT");
            }
        }
        return new LockingClause(sql.substring(0, tokens.get(first).start()), noWait);
    }

    private static boolean mentionsFor(String sql) {
        for (int i = sql.length() - 3; i >= 0; i--) {
            if (sql.regionMatches(true, i, "FOR", 0, 3)) {
                return true;
            }
        }
        return false;
    }

    /** How many words the lock strength at {@code i} has (UPDATE, NO KEY UPDATE, SHARE, KEY SHARE), or 0. */
    private static int strengthLength(List<Token> tokens, int i) {
        if (i >= tokens.size()) {
            return 0;
        }
        Token t = tokens.get(i);
        if (t.is("UPDATE") || t.is("SHARE")) {
            return 1;
        }
        if (t.is("KEY") && i + 1 < tokens.size() && tokens.get(i + 1).is("SHARE")) {
            return 2;
        }
        if (t.is("NO") && i + 2 < tokens.size() && tokens.get(i + 1).is("KEY") && tokens.get(i + 2).is("UPDATE")) {
            return 3;
        }
        return 0;
    }
}
