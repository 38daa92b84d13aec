package com.usersplatform.infra;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The program's package layout (docs/infrastructure.md, "Package layout"), checked on its compiled main classes: the
 * root package composes, the component packages build on the shared helpers, and no package needs one above it.
 */
class PackageLayoutTest {
    private static final String ROOT = "com.usersplatform.infra";
    /** The bottom tier: building blocks any component may use; they use nothing of the program above them. */
    private static final String[] HELPERS = {ROOT + ".args..", ROOT + ".aws..", ROOT + ".json..",
            ROOT + ".kubernetes..", ROOT + ".lambda..", ROOT + ".security.."};

    private static final JavaClasses PROGRAM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void importsTheProgram() {
        assertFalse(PROGRAM.isEmpty());
        assertFalse(PROGRAM.contain(ROOT + ".offline.Render"), "test classes must not be imported");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(PROGRAM);
    }

    @Test
    void programComposesComponentsWhichBuildOnHelpers() {
        ArchRule tiers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Program").definedBy(ROOT)
                .layer("Components").definedBy(resideInAPackage(ROOT + "..")
                        .and(resideInAPackage(ROOT).negate()).and(resideInAnyPackage(HELPERS).negate()))
                .layer("Helpers").definedBy(HELPERS)
                .whereLayer("Program").mayNotBeAccessedByAnyLayer()
                .whereLayer("Components").mayOnlyBeAccessedByLayers("Program")
                .whereLayer("Helpers").mayOnlyBeAccessedByLayers("Program", "Components");
        tiers.check(PROGRAM);
    }

    @Test
    void programNeverReachesIntoTheOfflineRender() {
        noClasses().should().resideInAPackage("..offline..")
                .orShould().dependOnClassesThat().resideInAPackage("..offline..")
                .check(PROGRAM);
    }
}
