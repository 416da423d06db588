package org.wakuchat.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The command-line client runs headless: no JavaFX, nothing from the desktop app's UI. */
@AnalyzeClasses(packages = "org.wakuchat.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class CliArchitectureTest {

    @ArchTest
    static final ArchRule noJavaFx = noClasses().that().resideInAPackage("org.wakuchat.cli..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("wakuchat-cli must run where there is no display and no JavaFX");

    @ArchTest
    static final ArchRule noDesktopApp = noClasses().that().resideInAPackage("org.wakuchat.cli..")
            .should().dependOnClassesThat().resideInAPackage("org.wakuchat.app..")
            .because("the CLI is a client of chat-core, like the desktop app, not of the app");
}
