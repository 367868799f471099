package io.cairndb.cli.shell;

import io.cairndb.cli.SqlErrorText;
import io.cairndb.cli.shell.TableFormatter.Column;
import java.io.PrintStream;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The backslash commands: {@code \q}, {@code \d} (tables and views), {@code \d NAME} (columns of one
 * table), {@code \?}. They read the catalog through {@link DatabaseMetaData}, the same calls GUI clients use.
 */
final class MetaCommands {
  static final String HELP = String.join("\n",
      "Statements end with ';' and may span several lines. Commands:",
      "  \\d            list tables and views",
      "  \\d NAME       describe a table's columns (NAME or schema.NAME)",
      "  \\?            this help",
      "  \\q, quit, exit  leave the shell (Ctrl-D works too; Ctrl-C clears the current statement)",
      "");

  private final StatementExecutor executor;
  private final PrintStream out;
  private final PrintStream err;

  MetaCommands(StatementExecutor executor, PrintStream out, PrintStream err) {
    this.executor = executor;
    this.out = out;
    this.err = err;
  }

  /** Is this line (already stripped) a shell command rather than SQL? Only checked between statements. */
  static boolean isCommand(String line) {
    String word = line.endsWith(";") ? line.substring(0, line.length() - 1).strip() : line;
    return line.startsWith("\\") || word.equalsIgnoreCase("quit") || word.equalsIgnoreCase("exit");
  }

  Outcome run(String line) {
    String text = line.strip();
    if (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    if (text.equalsIgnoreCase("quit") || text.equalsIgnoreCase("exit") || text.equals("\\q")) {
      return Outcome.QUIT;
    }
    String[] parts = text.split("\\s+", 2);
    try {
      switch (parts[0]) {
        case "\\?", "\\h", "\\help" -> out.print(HELP);
        case "\\d" -> {
          if (parts.length == 1) {
            listTables();
          } else if (!describe(parts[1].strip())) {
            err.println("ERROR: no table or view named " + parts[1].strip());
            return Outcome.FAILED;
          }
        }
        default -> {
          err.println("ERROR: unknown command " + parts[0] + " (try \\?)");
          return Outcome.FAILED;
        }
      }
    } catch (SQLException e) {
      err.println(SqlErrorText.of(e));
      return Outcome.FAILED;
    }
    out.flush();
    return Outcome.CONTINUE;
  }

  private void listTables() throws SQLException {
    DatabaseMetaData meta = executor.connection().getMetaData();
    List<List<String>> rows = new ArrayList<>();
    try (ResultSet tables = meta.getTables(null, null, "%", null)) {
      while (tables.next()) {
        rows.add(List.of(
            nullToEmpty(tables.getString("TABLE_SCHEM")),
            nullToEmpty(tables.getString("TABLE_NAME")),
            nullToEmpty(tables.getString("TABLE_TYPE"))));
      }
    }
    print(List.of(Column.left("schema"), Column.left("name"), Column.left("type")), rows);
    out.println();
  }

  /** @return false when no such table exists */
  private boolean describe(String name) throws SQLException {
    QualifiedName target = QualifiedName.parse(name);
    DatabaseMetaData meta = executor.connection().getMetaData();
    for (QualifiedName candidate : target.spellings()) {
      List<List<String>> rows = new ArrayList<>();
      try (ResultSet columns = meta.getColumns(null, candidate.schema(), candidate.name(), "%")) {
        while (columns.next()) {
          rows.add(Arrays.asList(
              columns.getString("COLUMN_NAME"),
              typeText(columns.getString("TYPE_NAME"), columns.getInt("COLUMN_SIZE"), columns.wasNull()),
              "NO".equalsIgnoreCase(columns.getString("IS_NULLABLE")) ? "not null" : "",
              nullToEmpty(columns.getString("COLUMN_DEF"))));
        }
      }
      if (!rows.isEmpty()) {
        out.println("Table " + candidate);
        print(List.of(Column.left("column"), Column.left("type"), Column.left("nullable"), Column.left("default")),
            rows);
        printPrimaryKey(meta, candidate);
        out.println();
        return true;
      }
    }
    return false;
  }

  /** The key is helpful but optional: a driver without getPrimaryKeys still gets the column list. */
  private void printPrimaryKey(DatabaseMetaData meta, QualifiedName table) {
    Map<Short, String> keyColumnsBySequence = new TreeMap<>();
    try (ResultSet keys = meta.getPrimaryKeys(null, table.schema(), table.name())) {
      while (keys.next()) {
        keyColumnsBySequence.put(keys.getShort("KEY_SEQ"), keys.getString("COLUMN_NAME"));
      }
    } catch (SQLException e) {
      return;
    }
    if (!keyColumnsBySequence.isEmpty()) {
      out.println("Primary key: (" + String.join(", ", keyColumnsBySequence.values()) + ")");
    }
  }

  private void print(List<Column> columns, List<List<String>> rows) {
    out.print(new ResultSetTable(columns, rows).render());
  }

  private static String typeText(String typeName, int size, boolean sizeIsNull) {
    if (typeName == null) {
      return "";
    }
    String upper = typeName.toUpperCase(Locale.ROOT);
    boolean sized = upper.contains("CHAR") || upper.contains("BINARY");
    return sized && !sizeIsNull && size > 0 && !typeName.contains("(") ? typeName + "(" + size + ")" : typeName;
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  /** A table name as typed, {@code name} or {@code schema.name}; "quoted" parts are matched exactly. */
  record QualifiedName(String schema, String name, boolean quoted) {
    static QualifiedName parse(String text) {
      int dot = dotOutsideQuotes(text);
      String schema = dot < 0 ? null : text.substring(0, dot);
      String name = dot < 0 ? text : text.substring(dot + 1);
      boolean quoted = name.startsWith("\"") || (schema != null && schema.startsWith("\""));
      return new QualifiedName(unquote(schema), unquote(name), quoted);
    }

    /** Unquoted names may be stored upper- or lower-case, depending on how the catalog folds them. */
    List<QualifiedName> spellings() {
      if (quoted) {
        return List.of(this);
      }
      Set<QualifiedName> spellings = new LinkedHashSet<>();
      spellings.add(this);
      spellings.add(new QualifiedName(upper(schema), upper(name), false));
      spellings.add(new QualifiedName(lower(schema), lower(name), false));
      return List.copyOf(spellings);
    }

    @Override
    public String toString() {
      return schema == null ? name : schema + "." + name;
    }

    private static int dotOutsideQuotes(String text) {
      boolean inQuotes = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '"') {
          inQuotes = !inQuotes;
        } else if (c == '.' && !inQuotes) {
          return i;
        }
      }
      return -1;
    }

    private static String unquote(String part) {
      if (part == null) {
        return null;
      }
      return part.length() >= 2 && part.startsWith("\"") && part.endsWith("\"")
          ? part.substring(1, part.length() - 1).replace("\"\"", "\"")
          : part;
    }

    private static String upper(String s) {
      return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static String lower(String s) {
      return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
  }
}
