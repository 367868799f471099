package io.cairndb.sql.error;

import io.cairndb.planner.SqlStateException;
import io.cairndb.storage.CommitOutcomeUnknownException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever a statement threw into the SqlStateException the client sees. Runtime failures are classified
 * by the planner's mapping ({@link io.cairndb.planner.exec.SqlErrors#runtime}); this adds parse errors and logs
 * what nobody classified, since an XX000 is a CairnDB bug.
 */
public final class SqlErrors {
    private static final Logger LOG = LoggerFactory.getLogger(SqlErrors.class);

    private SqlErrors() {
    }

    public static SqlStateException translate(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SqlStateException s) {
                return s;
            }
            if (t instanceof SqlParseException p) {
                return parseError(p);
            }
            if (t instanceof CommitOutcomeUnknownException u) {
                return new SqlStateException("40003", "the outcome of the commit is unknown: " + u.getMessage(), u);
            }
            if (t instanceof StackOverflowError) {
                return new SqlStateException("54001", "statement too complex", t);
            }
        }
        SqlStateException classified = io.cairndb.planner.exec.SqlErrors.runtime(error);
        if ("XX000".equals(classified.sqlState())) {
            LOG.error("internal error executing a statement", error);
        } else if ("40001".equals(classified.sqlState())) {
            return new SqlStateException("40001", "restart transaction: " + classified.getMessage(), error);
        }
        return classified;
    }

    public static SqlStateException parseError(SqlParseException e) {
        String message = e.getMessage() == null ? "syntax error" : e.getMessage().split("\n")[0];
        return new SqlStateException("42601", "syntax error: " + message, e);
    }
}
