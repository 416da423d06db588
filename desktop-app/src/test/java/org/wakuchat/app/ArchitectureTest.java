package org.wakuchat.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.wakuchat.core.Accounts;
import org.wakuchat.core.ChatEngine;

/** The desktop app's structure: Controller + Model + View per feature, engine only in controllers. */
@AnalyzeClasses(packages = "org.wakuchat", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] FEATURES = {
        "org.wakuchat.app.onboarding", "org.wakuchat.app.main", "org.wakuchat.app.conversations",
        "org.wakuchat.app.chat", "org.wakuchat.app.invite", "org.wakuchat.app.scan", "org.wakuchat.app.verify",
        "org.wakuchat.app.status", "org.wakuchat.app.settings", "org.wakuchat.app.about", "org.wakuchat.app.report",
        "org.wakuchat.app.group"};

    private static final DescribedPredicate<JavaClass> ENGINE_SERVICES = DescribedPredicate.describe(
            "engine types other than immutable records and enums",
            type -> type.getPackageName().startsWith("org.wakuchat.core") && !type.isRecord() && !type.isEnum());

    @ArchTest
    static final ArchRule viewsDoNotCallTheEngine = noClasses()
            .that().haveSimpleNameEndingWith("View")
            .should().dependOnClassesThat().areAssignableTo(ChatEngine.class)
            .orShould().dependOnClassesThat().areAssignableTo(Accounts.class)
            .because("views only bind to the model and forward user actions to their controller");

    @ArchTest
    static final ArchRule modelsHoldNoEngineServices = noClasses()
            .that().haveSimpleNameEndingWith("Model")
            .should().dependOnClassesThat(ENGINE_SERVICES)
            .because("models are JavaFX properties over immutable values");

    @ArchTest
    static final ArchRule onlyControllersArePublicInFeaturePackages = classes()
            .that().resideInAnyPackage(FEATURES).and().arePublic()
            .should().haveSimpleNameEndingWith("Controller");

    @ArchTest
    static final ArchRule chatCoreNeverDependsOnJavaFx = noClasses()
            .that().resideInAPackage("org.wakuchat.core..")
            .should().dependOnClassesThat().resideInAPackage("javafx..");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices()
            .matching("org.wakuchat.app.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheAwtShellTouchesTheSystemTray = noClasses()
            .that().resideOutsideOfPackage("org.wakuchat.app.notify.awt..")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.awt.SystemTray")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.awt.TrayIcon")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.awt.Toolkit")
            .because("AWT's toolkit costs memory: only Windows and macOS load it, for their tray");

    @ArchTest
    static final ArchRule noStaticMutableState = fields()
            .that().areStatic().and().areDeclaredInClassesThat().resideInAPackage("org.wakuchat.app..")
            .should().beFinal();
}
