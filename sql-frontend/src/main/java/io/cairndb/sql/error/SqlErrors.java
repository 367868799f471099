package io.cairndb.sql.error;

import io.cairndb.planner.SqlStateException;
import io.cairndb.storage.StorageException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns whatever a statement threw into the SqlStateException the client sees. */
public final class SqlErrors {
    private static final Logger LOG = LoggerFactory.getLogger(SqlErrors.class);

    private SqlErrors() {
    }

    public static SqlStateException translate(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SqlStateException s) {
                return s;
            }
            if (t instanceof StorageException s) {
                if (s.isRetryable()) {
                    return new SqlStateException("40001",
                            "restart transaction: could not serialize access: " + s.getMessage(), s);
                }
                LOG.warn("storage failure", s);
                return new SqlStateException("58000", "storage failure: " + s.getMessage(), s);
            }
            if (t instanceof SqlParseException p) {
                return parseError(p);
            }
            if (t instanceof ArithmeticException a && a.getMessage() != null && a.getMessage().contains("by zero")) {
                return new SqlStateException("22012", "division by zero", a);
            }
            if (t instanceof ArithmeticException a) {
                return new SqlStateException("22003", "numeric value out of range: " + a.getMessage(), a);
            }
            if (t instanceof NumberFormatException n) {
                return new SqlStateException("22018", "invalid character value for cast: " + n.getMessage(), n);
            }
            if (t instanceof StackOverflowError) {
                return new SqlStateException("54001", "statement too complex", t);
            }
        }
        LOG.error("internal error executing a statement", error);
        return new SqlStateException("XX000", "internal error: " + error, error);
    }

    public static SqlStateException parseError(SqlParseException e) {
        String message = e.getMessage() == null ? "syntax error" : e.getMessage().split("\n")[0];
        return new SqlStateException("42601", "syntax error: " + message, e);
    }
}
