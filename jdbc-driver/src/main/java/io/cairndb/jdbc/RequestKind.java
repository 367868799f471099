package io.cairndb.jdbc;

import java.util.Locale;
import java.util.Set;

/**
 * What a request does to the session's transaction, and whether running it twice would be harmless. That is all
 * the connection needs to decide, when the connection breaks under a request, whether it may send it again to
 * another host.
 *
 * @param effect   what the request does to the transaction
 * @param readOnly whether running it twice changes nothing (queries, PREPARE, metadata, session settings)
 */
record RequestKind(Effect effect, boolean readOnly) {

    /** What a request does to the transaction of the session. */
    enum Effect {
        /** Not part of a transaction: PREPARE, metadata, session settings, closing cursors. */
        SESSION,
        /** A statement: with autocommit off it opens (or continues) the transaction. */
        STATEMENT,
        /** BEGIN / START TRANSACTION: opens a transaction even in autocommit mode. */
        BEGIN,
        /** COMMIT / END, or setAutoCommit(true) inside a transaction: ends it, applying its writes. */
        COMMIT,
        /** ROLLBACK / ABORT: ends it, discarding its writes (which a dropped connection does too). */
        ROLLBACK
    }

    static final RequestKind SESSION = new RequestKind(Effect.SESSION, true);
    static final RequestKind COMMIT = new RequestKind(Effect.COMMIT, false);
    static final RequestKind ROLLBACK = new RequestKind(Effect.ROLLBACK, true);
    /** A batch: its statements are taken as writes, whatever they are. */
    static final RequestKind WRITE = new RequestKind(Effect.STATEMENT, false);

    /**
     * Statements that only read. The first word decides: a query sent with executeQuery is not trusted to be one,
     * because the server runs whatever the text says before the driver could object to an update count.
     */
    private static final Set<String> READ_ONLY_WORDS = Set.of("SELECT", "WITH", "VALUES", "SHOW", "EXPLAIN");

    /** The kind of the SQL statement {@code sql}, by its first word. */
    static RequestKind of(String sql) {
        String word = firstWord(sql);
        return switch (word) {
            case "BEGIN", "START" -> new RequestKind(Effect.BEGIN, false);
            case "COMMIT", "END" -> COMMIT;
            case "ROLLBACK", "ABORT" -> ROLLBACK;
            default -> new RequestKind(Effect.STATEMENT, READ_ONLY_WORDS.contains(word));
        };
    }

    /**
     * The first word of {@code sql} in upper case, after blanks, {@code --} line comments and (nested)
     * {@code /* *}{@code /} block comments; "" when the text starts with something else (a parenthesis, say).
     */
    static String firstWord(String sql) {
        int i = skipBlanksAndComments(sql);
        int start = i;
        while (i < sql.length() && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }

    private static int skipBlanksAndComments(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (sql.startsWith("/*", i)) {
                int depth = 0;
                do {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                } while (depth > 0 && i < n);
            } else {
                break;
            }
        }
        return Math.min(i, n);
    }
}
