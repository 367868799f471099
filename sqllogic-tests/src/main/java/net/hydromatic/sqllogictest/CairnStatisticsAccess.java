package net.hydromatic.sqllogictest;

import java.util.List;

/**
 * Reads the per-query failures a {@link TestStatistics} collected. sql-logic-test 0.3 keeps that list
 * package-private and only prints it; CairnDB's harness needs it to classify failures, so this one accessor lives in
 * the runner's package (plain classpath, no module system, so the split package is legal).
 */
public final class CairnStatisticsAccess {
    private CairnStatisticsAccess() {
    }

    /** The failures recorded so far, in file order (the live list; do not modify). */
    public static List<TestStatistics.FailedTestDescription> failures(TestStatistics statistics) {
        return statistics.failures;
    }

    /** The line in the .test file where the failed query starts. */
    public static int line(SqlTestQuery query) {
        return query.line;
    }
}
