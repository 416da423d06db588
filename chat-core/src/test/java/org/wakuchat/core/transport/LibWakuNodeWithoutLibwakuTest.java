package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.wakuchat.libwaku.LibWakuLoader;
import org.wakuchat.libwaku.LibWakuNotFound;

/** On a machine without libwaku the real loader's explanation reaches the engine. */
class LibWakuNodeWithoutLibwakuTest {

    @Test
    void startFailsWithTheLoadersExplanationAndStatusSaysWhy() {
        boolean present;
        try {
            LibWakuLoader.forThisMachine().load();
            present = true;
        } catch (LibWakuNotFound e) {
            present = false;
        }
        Assumptions.assumeFalse(present, "libwaku is installed here; the libwaku-tagged tests cover this machine");

        try (LibWakuNode node = new LibWakuNode(NetworkConfig.privateCluster(42, 1, List.of(), List.of()))) {
            assertThatThrownBy(() -> node.start().get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOf(EngineUnavailableException.class)
                    .hasMessageContaining("was not found. Looked in:")
                    .hasMessageContaining(LibWakuLoader.PATH_ENV)
                    .hasMessageContaining("native-libs/README.md");
            assertThat(node.status().state()).isEqualTo(NodeStatus.State.UNAVAILABLE);
            assertThat(node.status().detail()).contains("Looked in:");
        }
    }
}
