package io.cairndb.sql.parse;

import io.cairndb.planner.SqlStateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits statement text into tokens for the statements CairnDB parses itself (DDL, transaction control, SET).
 * Queries and DML go to Calcite's parser instead; this lexer only needs to be exact about identifiers,
 * strings, comments and nesting, so that expression text (DEFAULT, view bodies) can be cut out verbatim.
 */
public final class SqlTokenizer {
    private SqlTokenizer() {
    }

    public static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while ((i = skipBlanksAndComments(sql, i)) < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                i = readQuoted(sql, i, '\'', Token.Kind.STRING, tokens);
            } else if (c == '"') {
                i = readQuoted(sql, i, '"', Token.Kind.QUOTED_IDENTIFIER, tokens);
            } else if (Character.isLetter(c) || c == '_') {
                int s = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.WORD, sql.substring(s, i).toUpperCase(Locale.ROOT), s, i));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                int s = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.NUMBER, sql.substring(s, i), s, i));
            } else {
                tokens.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), i, i + 1));
                i++;
            }
        }
        tokens.add(new Token(Token.Kind.END, "", n, n));
        return tokens;
    }

    /** The offset of the first character at or after {@code i} that is neither blank nor part of a comment. */
    static int skipBlanksAndComments(String sql, int i) {
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                if (close < 0) {
                    throw syntax("unterminated comment", i);
                }
                i = close + 2;
            } else {
                return i;
            }
        }
        return n;
    }

    private static int readQuoted(String sql, int start, char quote, Token.Kind kind, List<Token> out) {
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (true) {
            if (i >= sql.length()) {
                throw syntax("unterminated " + (quote == '\'' ? "string literal" : "quoted identifier"), start);
            }
            char c = sql.charAt(i);
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    text.append(quote);
                    i += 2;
                    continue;
                }
                out.add(new Token(kind, text.toString(), start, i + 1));
                return i + 1;
            }
            text.append(c);
            i++;
        }
    }

    static SqlStateException syntax(String message, int offset) {
        return new SqlStateException("42601", "syntax error: " + message + " at position " + (offset + 1));
    }
}
