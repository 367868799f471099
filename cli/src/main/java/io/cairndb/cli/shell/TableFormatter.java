package io.cairndb.cli.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out rows as an aligned text table in the style of psql:
 *
 * <pre>
 *  id | name
 * ----+-------
 *   1 | alice
 * </pre>
 *
 * Numbers are right-aligned, everything else left-aligned; SQL NULL shows as {@code NULL}; line breaks and
 * tabs inside values are shown escaped so that every row stays on one line.
 */
public final class TableFormatter {

  /** A column heading and whether its values are right-aligned (numbers). */
  public record Column(String name, boolean alignRight) {
    public static Column left(String name) {
      return new Column(name, false);
    }

    public static Column right(String name) {
      return new Column(name, true);
    }
  }

  public static final String NULL_TEXT = "NULL";

  private TableFormatter() {}

  /** The table as lines joined by '\n', ending with a newline; values may be null (SQL NULL). */
  public static String format(List<Column> columns, List<? extends List<String>> rows) {
    List<String> headings = new ArrayList<>();
    for (Column column : columns) {
      headings.add(printable(column.name()));
    }
    List<List<String>> cells = new ArrayList<>();
    for (List<String> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "row has " + row.size() + " values but the table has " + columns.size() + " columns");
      }
      List<String> printableRow = new ArrayList<>();
      for (String value : row) {
        printableRow.add(value == null ? NULL_TEXT : printable(value));
      }
      cells.add(printableRow);
    }

    int[] widths = new int[columns.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = width(headings.get(c));
      for (List<String> row : cells) {
        widths[c] = Math.max(widths[c], width(row.get(c)));
      }
    }

    StringBuilder out = new StringBuilder();
    appendLine(out, columns, headings, widths);
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      rule.append(c == 0 ? "-" : "+-").append("-".repeat(widths[c])).append('-');
    }
    out.append(rule).append('\n');
    for (List<String> row : cells) {
      appendLine(out, columns, row, widths);
    }
    return out.toString();
  }

  /** "(1 row)" / "(N rows)", the footer under a result table. */
  public static String rowCount(long rows) {
    return rows == 1 ? "(1 row)" : "(" + rows + " rows)";
  }

  private static void appendLine(StringBuilder out, List<Column> columns, List<String> values, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      String value = values.get(c);
      String padding = " ".repeat(widths[c] - width(value));
      line.append(c == 0 ? " " : " | ");
      line.append(columns.get(c).alignRight() ? padding + value : value + padding);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  /** Width on screen, counted in code points so that surrogate pairs count once. */
  private static int width(String text) {
    return text.codePointCount(0, text.length());
  }

  private static String printable(String value) {
    if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0 && value.indexOf('\t') < 0) {
      return value;
    }
    return value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }
}
