package org.wakuchat.core.ratchet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RatchetArchitectureTest {

    private final JavaClasses classes = importOwnClassesOnly();

    @Test
    void ratchetKnowsNothingOfSessions() {
        noClasses().that().resideInAPackage("org.wakuchat.core.ratchet")
                .should().dependOnClassesThat().resideInAPackage("org.wakuchat.core.session..")
                .check(classes);
    }

    @Test
    void onlyTheRatchetAndItsErrorArePublic() {
        classes().that().resideInAPackage("org.wakuchat.core.ratchet").and().arePublic()
                .should().haveSimpleName("DoubleRatchet").orShould().haveSimpleName("RatchetException")
                .orShould().haveSimpleName("Failure")
                .check(classes);
    }

    /** Imports just the two packages' class directories, without resolving library classes: fast. */
    private static JavaClasses importOwnClassesOnly() {
        ArchConfiguration configuration = ArchConfiguration.get();
        boolean resolve = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        try {
            Path root = Path.of(DoubleRatchet.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new ClassFileImporter().importPaths(List.of(root.resolve("org/wakuchat/core/ratchet"),
                    root.resolve("org/wakuchat/core/session")));
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }
}
