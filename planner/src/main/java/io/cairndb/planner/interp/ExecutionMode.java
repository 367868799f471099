package io.cairndb.planner.interp;

/**
 * How queries run, from the system property {@code cairndb.exec}: {@code interpret} (the default: the interpreter
 * where it covers the plan, compiled code otherwise), {@code compile} (always Calcite's generated code) or
 * {@code verify} (both, comparing results: a difference fails the statement with SQLSTATE XX000; for testing).
 */
public enum ExecutionMode {
    INTERPRET, COMPILE, VERIFY;

    private static final ExecutionMode CURRENT = parse(System.getProperty("cairndb.exec", "interpret"));

    public static ExecutionMode current() {
        return CURRENT;
    }

    static ExecutionMode parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "compile" -> COMPILE;
            case "verify" -> VERIFY;
            default -> INTERPRET;
        };
    }
}
