package org.wakuchat.core.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * js-waku running in node (src/test/js/reference.mjs, installed by the build into
 * target/js-reference): one JSON request per line in, one JSON answer per line out. Public for
 * the tests of other packages (SdsInteropTest).
 */
public final class JsReferencePeer implements AutoCloseable {

    /** Surefire sets {@code basedir} to the module folder; elsewhere the working directory must be it. */
    static final Path INSTALL_DIR = Path.of(System.getProperty("basedir", "."), "target", "js-reference");

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;

    private JsReferencePeer(Process process) {
        this.process = process;
    }

    /** Why the reference peer cannot run here, or empty when it can. */
    public static Optional<String> unavailableReason() {
        if (findNode().isEmpty()) {
            return Optional.of("node is not on the PATH");
        }
        if (!Files.isDirectory(INSTALL_DIR.resolve("node_modules/@waku/message-hash"))
                || !Files.isDirectory(INSTALL_DIR.resolve("node_modules/@waku/utils"))
                || !Files.isDirectory(INSTALL_DIR.resolve("node_modules/@waku/rln"))
                || !Files.isDirectory(INSTALL_DIR.resolve("node_modules/@waku/sds"))) {
            return Optional.of("js-waku packages are not installed in " + INSTALL_DIR.toAbsolutePath()
                    + " (the build runs npm ci there when npm is on the PATH)");
        }
        return Optional.empty();
    }

    public static JsReferencePeer start() throws IOException {
        var builder = new ProcessBuilder(findNode().orElseThrow().toString(), "reference.mjs")
                .directory(INSTALL_DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        return new JsReferencePeer(builder.start());
    }

    /** Sends all requests and returns the answers in order; each is {"ok": …} or {"error": "…"}. */
    public List<JsonNode> ask(List<Map<String, Object>> requests) throws IOException {
        var writer = CompletableFuture.runAsync(() -> write(requests));
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<JsonNode> answers = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            String line = reader.readLine();
            if (line == null) {
                throw new IOException("the js reference peer stopped after " + i + " answers");
            }
            answers.add(json.readTree(line));
        }
        writer.join();
        return answers;
    }

    private void write(List<Map<String, Object>> requests) {
        var out = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        try {
            for (var request : requests) {
                out.write(json.writeValueAsString(request));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        process.destroy();
    }

    private static Optional<Path> findNode() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        List<String> names = List.of("node", "node.exe");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .flatMap(dir -> names.stream().map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
