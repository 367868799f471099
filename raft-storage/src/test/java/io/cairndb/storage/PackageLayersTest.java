package io.cairndb.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The storage module's packages as layers, checked on the compiled classes: from the bottom, key encoding
 * ({@code keys}), the MVCC store ({@code mvcc}), the concurrency manager ({@code concurrency}), the range's Raft
 * group and state machine ({@code range}), the transaction coordinator ({@code txn}), and node-level wiring
 * ({@code rpc}, {@code cluster}, {@code meta}). A package may use those below it, never one above, and no two
 * packages depend on each other.
 */
class PackageLayersTest {
    private static final JavaClasses STORAGE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cairndb.storage");

    @Test
    void noCycleBetweenPackages() {
        slices().matching("io.cairndb.storage.(*)..").should().beFreeOfCycles().check(STORAGE);
    }

    @Test
    void theConcurrencyManagerKnowsNothingOfRaftRocksDbOrTheCoordinator() {
        noClasses().that().resideInAPackage("io.cairndb.storage.concurrency..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cairndb.storage.range..",
                        "io.cairndb.storage.txn..", "io.cairndb.storage.cluster..", "io.cairndb.storage.rpc..",
                        "io.cairndb.storage.raftlog..", "io.cairndb.storage.meta..", "com.alipay..", "org.rocksdb..")
                .check(STORAGE);
    }

    @Test
    void theMvccLayerKnowsNothingAboveIt() {
        noClasses().that().resideInAPackage("io.cairndb.storage.mvcc..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cairndb.storage.concurrency..",
                        "io.cairndb.storage.range..", "io.cairndb.storage.txn..", "io.cairndb.storage.cluster..",
                        "io.cairndb.storage.rpc..", "io.cairndb.storage.meta..", "com.alipay..")
                .check(STORAGE);
    }

    @Test
    void rangesDoNotReachUpToTheCoordinatorOrTheNode() {
        noClasses().that().resideInAPackage("io.cairndb.storage.range..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cairndb.storage.txn..",
                        "io.cairndb.storage.cluster..", "io.cairndb.storage.rpc..", "io.cairndb.storage.meta..")
                .check(STORAGE);
    }
}
