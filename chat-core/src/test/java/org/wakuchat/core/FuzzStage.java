package org.wakuchat.core;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * Runs one {@code @FuzzTest} method in this JVM, for {@code .ci/fuzz}: Jazzer fuzzes one test per
 * JVM, and starting a JVM directly costs far less than a Maven run per test. Arguments: the
 * test's class and method name ({@code org.wakuchat.core.session.EnvelopeFuzzTest#parse...}).
 * Exits 0 when the test ran and passed.
 */
public final class FuzzStage {

    private FuzzStage() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        String[] target = args[0].split("#", 2);
        Class<?> testClass = Class.forName(target[0]);
        Method method = Arrays.stream(testClass.getDeclaredMethods())
                .filter(m -> m.getName().equals(target[1]))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no fuzz test " + args[0]));
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectMethod(testClass, method))
                .build();
        var listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        var out = new PrintWriter(System.out, true);
        summary.printFailuresTo(out, 40);
        boolean passed = summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0;
        out.println("FUZZ " + (passed ? "PASSED " : "FAILED ") + args[0]);
        System.exit(passed ? 0 : 1);
    }
}
