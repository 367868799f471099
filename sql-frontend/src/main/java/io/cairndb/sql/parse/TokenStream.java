package io.cairndb.sql.parse;

import java.util.List;

/** A cursor over tokens with the accept/expect helpers of a recursive-descent parser. */
final class TokenStream {
    private final String sql;
    private final List<Token> tokens;
    private int pos;

    TokenStream(String sql) {
        this.sql = sql;
        this.tokens = SqlTokenizer.tokenize(sql);
    }

    String sql() {
        return sql;
    }

    Token peek() {
        return tokens.get(pos);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.END) {
            pos++;
        }
        return t;
    }

    boolean accept(String keyword) {
        if (peek().is(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(String keyword) {
        if (!accept(keyword)) {
            throw unexpected(keyword);
        }
    }

    void expectSymbol(String symbol) {
        if (!acceptSymbol(symbol)) {
            throw unexpected("'" + symbol + "'");
        }
    }

    String identifier(String what) {
        Token t = peek();
        if (!t.isIdentifier()) {
            throw unexpected(what);
        }
        pos++;
        return t.text();
    }

    /** Accepts trailing semicolons, then requires the end of the statement. */
    void expectEnd() {
        while (acceptSymbol(";")) {
            // a trailing ';' is harmless
        }
        if (peek().kind() != Token.Kind.END) {
            throw unexpected("end of statement");
        }
    }

    boolean atEnd() {
        return peek().kind() == Token.Kind.END;
    }

    io.cairndb.planner.SqlStateException unexpected(String expected) {
        Token t = peek();
        String found = t.kind() == Token.Kind.END ? "end of statement" : "\"" + sql.substring(t.start(), t.end()) + "\"";
        return SqlTokenizer.syntax("expected " + expected + " but found " + found, t.start());
    }
}
