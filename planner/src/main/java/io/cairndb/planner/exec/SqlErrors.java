package io.cairndb.planner.exec;

import io.cairndb.planner.SqlStateException;
import io.cairndb.storage.StorageException;
import io.cairndb.storage.concurrency.LockNotAvailableException;
import io.cairndb.storage.concurrency.TransactionConflictException;
import io.cairndb.storage.range.RangeUnavailableException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.validate.SqlValidatorException;

/** Maps Calcite and runtime failures to {@link SqlStateException}s with the right SQLSTATE. */
public final class SqlErrors {
    private SqlErrors() {
    }

    /** A validation failure (message of Calcite's validator) → 42xxx class. */
    public static SqlStateException validation(Throwable e) {
        SqlStateException known = find(e);
        if (known != null) {
            return known;
        }
        String msg = validationMessage(e);
        return new SqlStateException(validationState(msg), msg, e);
    }

    private static String validationMessage(Throwable e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof SqlValidatorException) {
                return t.getMessage();
            }
            t = t.getCause();
        }
        if (e instanceof CalciteContextException c && c.getCause() != null) {
            return c.getCause().getMessage();
        }
        return String.valueOf(e.getMessage());
    }

    static String validationState(String msg) {
        if (msg.matches("(?s).*(Object|Table) '.*' not found.*")) {
            return msg.contains("Table '") || !msg.contains("not found within") ? "42P01" : "42P01";
        }
        if (msg.matches("(?s).*Column '.*' not found.*") || msg.contains("Unknown target column")
                || msg.contains("Unknown identifier") || msg.matches("(?s).*Unknown field '.*")) {
            return "42703";
        }
        if (msg.contains("is ambiguous")) {
            return "42702";
        }
        if (msg.contains("No match found for function signature")) {
            return "42883";
        }
        if (msg.contains("has no default value and does not allow NULLs")) {
            return "23502";
        }
        if (msg.contains("Cannot apply") || msg.contains("Cannot assign") || msg.contains("compatible types")
                || msg.contains("Type mismatch") || msg.contains("Cannot infer return type")
                || msg.contains("Cannot convert") || msg.contains("must have compatible")
                || msg.contains("must be") && msg.contains("type")) {
            return "42804";
        }
        if (msg.contains("is not being grouped") || msg.contains("Aggregate expression is illegal")
                || msg.contains("aggregate")) {
            return "42803";
        }
        if (msg.contains("Illegal use of dynamic parameter")) {
            return "42P18";
        }
        if (msg.contains("out of range")) {
            return "22003";
        }
        if (msg.contains("Number of INSERT target columns") || msg.contains("Column count mismatch")
                || msg.contains("Count mismatch")) {
            return "42601";
        }
        if (msg.contains("Unknown datatype")) {
            return "42704";
        }
        if (msg.contains("Cannot call table function here")) {
            return "0A000"; // a table function (generate_series) in a SELECT list: PostgreSQL has it, not CairnDB
        }
        return "42000";
    }

    /** A failure while planning (after validation): a data error found by constant folding, or 0A000. */
    public static SqlStateException planning(Throwable e) {
        SqlStateException mapped = runtime(e);
        if (!"XX000".equals(mapped.sqlState())) {
            return mapped;
        }
        return new SqlStateException("0A000", "cannot plan this statement: " + e, e);
    }

    /** A failure while running a statement → 22xxx/23xxx/40001/XX000. */
    public static SqlStateException runtime(Throwable e) {
        SqlStateException known = find(e);
        if (known != null) {
            return known;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransactionConflictException c) {
                return new SqlStateException("40001", "could not serialize access: " + c.getMessage(), c);
            }
            if (t instanceof LockNotAvailableException l) {
                return new SqlStateException("55P03", l.getMessage(), l); // FOR UPDATE NOWAIT met a locked row
            }
            if (t instanceof RangeUnavailableException u) {
                // no leader reachable in time (nodes down, election in progress): retryable like a conflict
                return new SqlStateException("40001", "data temporarily unavailable: " + u.getMessage(), u);
            }
            if (t instanceof StorageException s) {
                return new SqlStateException(s.isRetryable() ? "40001" : "XX000", s.getMessage(), s);
            }
            if (t instanceof ArithmeticException a) {
                if (a.getMessage() == null) {
                    // HotSpot throws a preallocated, message-less ArithmeticException for a hot integer division
                    // by zero (OmitStackTraceInFastThrow); an interpreted plan's division is hot after a while
                    return new SqlStateException("22012", "division by zero", a);
                }
                String m = String.valueOf(a.getMessage()).toLowerCase();
                if (m.contains("zero") || m.contains("division undefined")) {
                    return new SqlStateException("22012", "division by zero", a);
                }
                return new SqlStateException("22003", "numeric value out of range: " + a.getMessage(), a);
            }
            if (t instanceof NumberFormatException n) {
                return new SqlStateException("22018", "invalid input for numeric conversion: " + n.getMessage(), n);
            }
            if (t instanceof java.time.DateTimeException d) {
                return new SqlStateException("22007", "invalid date/time value: " + d.getMessage(), d);
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("Invalid DATE") || m.contains("Invalid TIME") || m.contains("Invalid TIMESTAMP")
                    || m.matches("(?s).*(Illegal|Invalid) (date|time|timestamp).*")) {
                return new SqlStateException("22007", m, t);
            }
            if (m.matches("(?s).*Value of (YEAR|MONTH|DAY|HOUR|MINUTE|SECOND) field is out of range.*")) {
                return new SqlStateException("22007", "invalid date/time value: " + m, t);
            }
            if (t instanceof CalciteException && m.contains("Cast")) {
                return new SqlStateException("22018", m, t);
            }
            if (m.contains("Value out of range") || m.contains("out of range")) {
                return new SqlStateException("22003", m, t);
            }
            if (m.contains("cannot convert") || m.contains("Cannot convert")) {
                return new SqlStateException("22018", m, t);
            }
            if (t instanceof IllegalStateException && m.startsWith("more than one value in agg SINGLE_VALUE")) {
                // a scalar subquery met a second row (PostgreSQL's cardinality violation)
                return new SqlStateException("21000", "more than one row returned by a subquery used as an "
                        + "expression", t);
            }
        }
        return new SqlStateException("XX000", "internal error: " + e, e);
    }

    private static SqlStateException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SqlStateException s) {
                return s;
            }
        }
        return null;
    }
}
