package io.cairndb.planner;

import java.util.List;

/**
 * A lazily produced result: rows are computed as {@link #next()} is called, so a large result never sits in
 * memory at once. While a cursor is open, the snapshot it reads stays pinned; close it when done.
 */
public interface RowCursor extends AutoCloseable {

    List<ResultColumn> columns();

    /** Advances to the next row; false at the end. */
    boolean next();

    /** The current row's values (types as in io.cairndb.sql.SqlSession: Boolean, Short, Integer, Long, Float, Double, BigDecimal, String, LocalDate, LocalTime, LocalDateTime, byte[]); index 0 is the first column. */
    Object[] row();

    @Override
    void close();
}
