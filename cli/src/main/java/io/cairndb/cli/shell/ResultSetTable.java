package io.cairndb.cli.shell;

import io.cairndb.cli.shell.TableFormatter.Column;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** A JDBC result read completely into memory, ready to be printed as a table with its row-count footer. */
public record ResultSetTable(List<Column> columns, List<List<String>> rows) {

  public static ResultSetTable read(ResultSet resultSet) throws SQLException {
    ResultSetMetaData meta = resultSet.getMetaData();
    int count = meta.getColumnCount();
    List<Column> columns = new ArrayList<>(count);
    for (int c = 1; c <= count; c++) {
      String label = meta.getColumnLabel(c);
      columns.add(new Column(label == null ? meta.getColumnName(c) : label, isNumeric(meta.getColumnType(c))));
    }
    List<List<String>> rows = new ArrayList<>();
    while (resultSet.next()) {
      List<String> row = new ArrayList<>(count);
      for (int c = 1; c <= count; c++) {
        row.add(resultSet.getString(c)); // getString returns null for SQL NULL
      }
      rows.add(row);
    }
    return new ResultSetTable(List.copyOf(columns), rows);
  }

  /** The aligned table followed by "(N rows)". */
  public String render() {
    return TableFormatter.format(columns, rows) + TableFormatter.rowCount(rows.size()) + "\n";
  }

  static boolean isNumeric(int sqlType) {
    return switch (sqlType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT, Types.DOUBLE,
          Types.DECIMAL, Types.NUMERIC -> true;
      default -> false;
    };
  }
}
