package io.cairndb.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Rows held in memory: driver-built metadata results, and TYPE_SCROLL_INSENSITIVE results (read whole). */
final class BufferedRows extends RowSource {
    private final List<Object[]> rows;
    /** 0 before the first row, size + 1 after the last. */
    private int position;

    BufferedRows(List<Object[]> rows) {
        this.rows = rows;
    }

    /** Reads every remaining row of {@code source} and closes it. */
    static BufferedRows drain(RowSource source) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try {
            while (source.next()) {
                rows.add(source.row());
            }
        } finally {
            source.close();
        }
        return new BufferedRows(rows);
    }

    @Override
    boolean next() {
        if (position <= rows.size()) {
            position++;
        }
        return position <= rows.size();
    }

    @Override
    Object[] row() {
        return position >= 1 && position <= rows.size() ? rows.get(position - 1) : null;
    }

    @Override
    void close() {
        position = rows.size() + 1;
    }

    @Override
    boolean scrollable() {
        return true;
    }

    @Override
    int rowNumber() {
        return position >= 1 && position <= rows.size() ? position : 0;
    }

    @Override
    boolean isBeforeFirst() {
        return position == 0 && !rows.isEmpty();
    }

    @Override
    boolean isAfterLast() {
        return position > rows.size() && !rows.isEmpty();
    }

    @Override
    boolean isLast() {
        return !rows.isEmpty() && position == rows.size();
    }

    @Override
    boolean absolute(int n) {
        int target = n >= 0 ? n : rows.size() + 1 + n;
        position = Math.max(0, Math.min(rows.size() + 1, target));
        return row() != null;
    }

    @Override
    int size() {
        return rows.size();
    }
}
