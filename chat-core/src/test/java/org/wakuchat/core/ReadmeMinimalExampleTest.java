package org.wakuchat.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs, word for word, the README's "Minimal example" Java block. */
class ReadmeMinimalExampleTest {

    private static final Pattern JAVA_BLOCK =
            Pattern.compile("## Minimal example.*?```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void readmeExampleCompilesRunsAndDeliversTheMessage(@TempDir Path work) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = JAVA_BLOCK.matcher(readme);
        assertThat(block.find()).as("README has a ## Minimal example section with a ```java block").isTrue();
        String code = block.group(1);
        assertThat(code.strip().lines().count()).as("the example is at most 25 lines").isLessThanOrEqualTo(25);

        Path source = work.resolve("MinimalExample.java");
        Files.writeString(source, code);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var errors = new ByteArrayOutputStream();
        int result = ToolProvider.getSystemJavaCompiler().run(null, null, errors,
                "-classpath", classPath, "-d", work.toString(), source.toString());
        assertThat(result).as("compiler output: %s", errors).isZero();

        String output = runMain(work, classPath);
        assertThat(output).contains("Alice got: Hi Alice!");
    }

    private static String runMain(Path classes, String classPath) throws Exception {
        List<URL> urls = new java.util.ArrayList<>();
        urls.add(classes.toUri().toURL());
        for (String entry : classPath.split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        PrintStream original = System.out;
        var captured = new ByteArrayOutputStream();
        try (var loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Method main = loader.loadClass("MinimalExample").getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
