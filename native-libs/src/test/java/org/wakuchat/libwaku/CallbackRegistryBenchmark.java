package org.wakuchat.libwaku;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the adapter itself costs per call, without nwaku: a call answered from a foreign thread
 * with a 100-byte message, copied and handed off. Run with the test class path:
 * {@code java -cp target/test-classes:target/classes:<jna> org.wakuchat.libwaku.CallbackRegistryBenchmark}.
 */
public final class CallbackRegistryBenchmark {

    private CallbackRegistryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService handOff = Executors.newSingleThreadExecutor();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService nwaku = Executors.newSingleThreadExecutor();
        CallbackRegistry registry = new CallbackRegistry(handOff, timer);
        byte[] answer = ("0x" + "ab".repeat(49)).getBytes(StandardCharsets.UTF_8);
        Memory memory = new Memory(answer.length);
        memory.write(0, answer, 0, answer.length);
        try {
            for (int round = 0; round < 3; round++) {
                int calls = 100_000;
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    CompletableFuture<String> future = registry.call("bench", Duration.ofSeconds(10), (cb, ud) -> {
                        Pointer userData = ud;
                        nwaku.execute(() -> cb.invoke(LibWaku.RET_OK, memory, new SizeT(answer.length), userData));
                        return LibWaku.RET_OK;
                    });
                    future.join();
                }
                long perCall = (System.nanoTime() - start) / calls;
                System.out.printf("round %d: %d sequential calls, %.1f µs per round trip, %d pending after%n",
                        round, calls, perCall / 1000.0, registry.pendingCount());
            }
        } finally {
            handOff.shutdownNow();
            timer.shutdownNow();
            nwaku.shutdownNow();
        }
    }
}
