package io.cairndb.sqllogic;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import net.hydromatic.sqllogictest.OptionsParser;
import net.hydromatic.sqllogictest.SltSqlStatement;
import net.hydromatic.sqllogictest.SltTestFile;
import net.hydromatic.sqllogictest.SqlTestQuery;
import net.hydromatic.sqllogictest.TestStatistics;
import net.hydromatic.sqllogictest.executors.JdbcExecutor;

/**
 * Runs sqllogictest files against CairnDB through its JDBC driver only ({@code jdbc:cairndb://host:port}), on a
 * connection of its own per file, exactly as a user's program would: plain {@link java.sql.Statement#execute} for
 * statements and {@link java.sql.Statement#executeQuery} for queries, table discovery through
 * {@link java.sql.DatabaseMetaData#getTables}, and {@code DROP TABLE x CASCADE} / {@code DROP VIEW IF EXISTS x
 * CASCADE} between files (all inherited from {@link JdbcExecutor}).
 *
 * <p>What it adds: the CairnDB URL with no credentials (a node needs none), and a record of the statement that
 * aborted a file. The runner stops a file at the first {@code statement ok} that fails and only prints the error;
 * {@link #abortedBy()} keeps it so that the harness can report it.
 */
public final class CairnExecutor extends JdbcExecutor {
    /** The name the executor is registered under ({@code -e cairndb}). */
    public static final String NAME = "cairndb";

    private final int maxQueries;
    private String abortedBy;
    private int queriesInFile;

    /**
     * @param maxQueries if positive, only the file's first {@code maxQueries} queries run (with the statements before
     *                   them); the rest of the file is left out, for quick samples of very long files
     */
    public CairnExecutor(OptionsParser.SuppliedOptions options, String jdbcUrl, int maxQueries) {
        super(options, Objects.requireNonNull(jdbcUrl, "jdbcUrl"), "", "");
        this.maxQueries = maxQueries;
    }

    /**
     * Registers a factory for this executor with the runner's option parser.
     *
     * @param sink receives every executor created (one per file), so that the caller can read {@link #abortedBy()}
     */
    public static void register(OptionsParser parser, String jdbcUrl, int maxQueries,
                                java.util.function.Consumer<CairnExecutor> sink) {
        parser.registerExecutor(NAME, () -> {
            CairnExecutor executor = new CairnExecutor(parser.getOptions(), jdbcUrl, maxQueries);
            sink.accept(executor);
            return executor;
        });
    }

    @Override
    public void establishConnection() throws SQLException {
        // No user or password: CairnDB has no authentication yet, and the driver takes the URL alone.
        this.connection = DriverManager.getConnection(dbUrl);
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public void statement(SltSqlStatement statement) throws SQLException {
        try {
            super.statement(statement);
        } catch (SQLException e) {
            if (statement.shouldPass && abortedBy == null) {
                abortedBy = oneLine(statement.statement) + " -> " + oneLine(String.valueOf(e.getMessage()));
            }
            throw e;
        }
    }

    @Override
    public TestStatistics execute(SltTestFile file, OptionsParser.SuppliedOptions options) throws SQLException {
        abortedBy = null;
        queriesInFile = file.getTestCount();
        int kept = 0;
        for (int i = 0; maxQueries > 0 && i < file.fileContents.size(); i++) {
            if (file.fileContents.get(i).is(SqlTestQuery.class) && ++kept > maxQueries) {
                file.fileContents.subList(i, file.fileContents.size()).clear();
            }
        }
        return super.execute(file, options);
    }

    /** How many queries the file holds (all of them, also those {@code maxQueries} left out). */
    public int queriesInFile() {
        return queriesInFile;
    }

    /** The {@code statement ok} that failed and ended the file early, with the error; null if none did. */
    public String abortedBy() {
        return abortedBy;
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
