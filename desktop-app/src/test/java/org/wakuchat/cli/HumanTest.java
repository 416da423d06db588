package org.wakuchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HumanTest {

    @Test
    void briefKeepsWhatIsWrongAndHowToFixIt() {
        String detail = """
                libwaku (nwaku's C library, v0.36.x) was not found. Looked in:
                  1. system property wakuchat.libwaku — not set
                  2. environment variable WAKUCHAT_LIBWAKU — not set
                Build it with `make libwaku`, or point WAKUCHAT_LIBWAKU at it.
                """;

        assertThat(Human.brief(detail)).isEqualTo(
                "libwaku (nwaku's C library, v0.36.x) was not found. Build it with `make libwaku`, or point WAKUCHAT_LIBWAKU at it.");
        assertThat(Human.brief("node failed to start: port in use")).isEqualTo("node failed to start: port in use");
        assertThat(Human.brief("first\nsecond")).isEqualTo("first second");
    }
}
