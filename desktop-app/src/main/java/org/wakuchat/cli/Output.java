package org.wakuchat.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;

/** Writes a command's results: lines for people, or one JSON object per line with {@code --json}. */
final class Output {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final PrintStream out;
    private final boolean json;

    Output(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    /** One result: {@code line} as JSON, or {@code human} (which may span lines) for people. */
    void emit(Object line, String human) {
        synchronized (out) {
            out.println(json ? toJson(line) : human);
            out.flush();
        }
    }

    /** One result already written as a JSON line (by chat-core), or {@code human} for people. */
    void emitJson(String jsonLine, String human) {
        synchronized (out) {
            out.println(json ? jsonLine : human);
            out.flush();
        }
    }

    /** Text for people only (notes, hints); nothing in JSON mode. */
    void note(String human) {
        if (!json) {
            emit(null, human);
        }
    }

    static String toJson(Object line) {
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + line.getClass().getSimpleName(), e);
        }
    }
}
