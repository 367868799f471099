package io.cairndb.sql.parse;

/**
 * One lexical token of a statement.
 *
 * @param kind  what it is
 * @param text  for identifiers the name as SQL sees it (unquoted folded to upper case, quoted kept); for
 *              keywords/words the upper-cased word; for strings the unescaped content; else the raw text
 * @param start offset of the token's first character in the statement
 * @param end   offset just past its last character
 */
public record Token(Kind kind, String text, int start, int end) {

    public enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, SYMBOL, END }

    /** True for an unquoted word equal (case-insensitively) to {@code keyword}. */
    public boolean is(String keyword) {
        return kind == Kind.WORD && text.equals(keyword);
    }

    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** True for anything that can name an object: an unquoted word or a quoted identifier. */
    public boolean isIdentifier() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }
}
