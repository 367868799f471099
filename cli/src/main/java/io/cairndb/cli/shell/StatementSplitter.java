package io.cairndb.cli.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts SQL text into statements at semicolons that are real statement ends: a {@code ;} inside a
 * 'string literal' (with '' escapes), a "quoted identifier", a {@code --} line comment or a
 * slash-star block comment does not end a statement.
 */
public final class StatementSplitter {

  /** Complete statements (without their {@code ;}) and the unfinished text after the last one. */
  public record Result(List<String> statements, String remainder) {
    /** True when the remainder holds nothing but whitespace and finished comments. */
    public boolean remainderIsBlank() {
      return isBlank(remainder);
    }
  }

  private enum State { CODE, SINGLE_QUOTED, DOUBLE_QUOTED, LINE_COMMENT, BLOCK_COMMENT }

  private StatementSplitter() {}

  public static Result split(String text) {
    List<String> statements = new ArrayList<>();
    State state = State.CODE;
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
      switch (state) {
        case CODE -> {
          if (c == ';') {
            addIfNotBlank(statements, text.substring(start, i));
            start = i + 1;
          } else if (c == '\'') {
            state = State.SINGLE_QUOTED;
          } else if (c == '"') {
            state = State.DOUBLE_QUOTED;
          } else if (c == '-' && next == '-') {
            state = State.LINE_COMMENT;
            i++;
          } else if (c == '/' && next == '*') {
            state = State.BLOCK_COMMENT;
            i++;
          }
        }
        case SINGLE_QUOTED, DOUBLE_QUOTED -> {
          char quote = state == State.SINGLE_QUOTED ? '\'' : '"';
          if (c == quote) {
            if (next == quote) {
              i++; // doubled quote is an escaped quote, still inside
            } else {
              state = State.CODE;
            }
          }
        }
        case LINE_COMMENT -> {
          if (c == '\n') {
            state = State.CODE;
          }
        }
        case BLOCK_COMMENT -> {
          if (c == '*' && next == '/') {
            state = State.CODE;
            i++;
          }
        }
      }
      i++;
    }
    return new Result(List.copyOf(statements), text.substring(start));
  }

  /**
   * True when {@code sql} has no SQL in it: only whitespace and comments. Text that ends inside a quote or
   * an unclosed block comment is not blank, because more input may complete it.
   */
  public static boolean isBlank(String sql) {
    return codeStart(sql) < 0;
  }

  /** The statement with leading whitespace and comments removed, and trailing whitespace trimmed. */
  static String stripLeadingComments(String sql) {
    int start = codeStart(sql);
    return start < 0 ? "" : sql.substring(start).strip();
  }

  /**
   * Index of the first character that is neither whitespace nor inside a comment; -1 if there is none
   * and every comment is closed (a line comment needs no closing newline).
   */
  private static int codeStart(String sql) {
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        if (end < 0) {
          return -1;
        }
        i = end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        if (end < 0) {
          return i; // unclosed: the statement is not finished, so it is not blank either
        }
        i = end + 2;
      } else {
        return i;
      }
    }
    return -1;
  }

  private static void addIfNotBlank(List<String> statements, String statement) {
    String stripped = stripLeadingComments(statement);
    if (!stripped.isEmpty()) {
      statements.add(stripped);
    }
  }
}
