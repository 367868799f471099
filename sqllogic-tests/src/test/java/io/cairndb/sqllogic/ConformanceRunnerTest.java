package io.cairndb.sqllogic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's own logic, without a node: corpus selection and failure classes. */
class ConformanceRunnerTest {

    @Test
    void selectsCorpusFilesBySubstringLikeTheRunner() {
        List<String> corpus = ConformanceRunner.corpus();
        assertEquals(622, corpus.size(), "sql-logic-test 0.3 ships 622 .test files");
        assertEquals(List.of("test/select1.test"), ConformanceRunner.select(List.of("select1.test")));
        List<String> between = ConformanceRunner.select(List.of("index/between"));
        assertTrue(between.size() > 1 && between.stream().allMatch(f -> f.startsWith("test/index/between/")),
                String.valueOf(between));
        assertEquals(corpus, ConformanceRunner.select(List.of("all")));
    }

    @Test
    void classifiesWrongResultsByVerdictAndErrorsByMessageShape() {
        assertEquals("wrong result (hash mismatch)",
                ConformanceRunner.classify("Hash of data does not match expected value"));
        assertEquals("wrong result (row count)", ConformanceRunner.classify("Expected 10 rows, got 0"));
        assertEquals(ConformanceRunner.classify("SQLException: Column 'x' not found in table t1 at line 1, column 8"),
                ConformanceRunner.classify("SQLException: Column 'y' not found in table t2 at line 3, column 44"));
    }
}
