package org.wakuchat.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine is a plain library: no UI toolkit, and its feature packages form no cycles. */
@AnalyzeClasses(packages = "org.wakuchat.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule chatCoreNeverDependsOnJavaFx = noClasses()
            .that().resideInAPackage("org.wakuchat.core..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("chat-core is a library any UI (or none) can use");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices()
            .matching("org.wakuchat.core.(*)..")
            .should().beFreeOfCycles();
}
