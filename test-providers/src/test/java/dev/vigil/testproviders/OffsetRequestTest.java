package dev.vigil.testproviders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OffsetRequestTest {

    @Test
    void wholeSecondsEitherWayUpToTenYears() {
        assertThat(OffsetRequest.seconds(Map.of("offset", 3600))).isEqualTo(3600);
        assertThat(OffsetRequest.seconds(Map.of("offset", 0))).isZero();
        assertThat(OffsetRequest.seconds(Map.of("offset", -60))).isEqualTo(-60);
        assertThat(OffsetRequest.seconds(Map.of("offset", (long) OffsetRequest.MAX_SECONDS))).isEqualTo(OffsetRequest.MAX_SECONDS);
        assertThat(OffsetRequest.seconds(Map.of("offset", -OffsetRequest.MAX_SECONDS))).isEqualTo(-OffsetRequest.MAX_SECONDS);
    }

    @Test
    void anythingElseIsRefusedWithAMessage() {
        Map<String, Object> nullOffset = new HashMap<>();
        nullOffset.put("offset", null);
        for (Map<String, Object> body : new Map[] {null, Map.of(), nullOffset, Map.of("offset", "3600"),
                Map.of("offset", 1.5), Map.of("offset", true), Map.of("seconds", 5)}) {
            assertThatThrownBy(() -> OffsetRequest.seconds(body)).as(String.valueOf(body))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("'offset' must be a whole number of seconds");
        }
        assertThatThrownBy(() -> OffsetRequest.seconds(Map.of("offset", OffsetRequest.MAX_SECONDS + 1L)))
                .hasMessageContaining("between");
        assertThatThrownBy(() -> OffsetRequest.seconds(Map.of("offset", Long.MIN_VALUE))).hasMessageContaining("between");
    }
}
