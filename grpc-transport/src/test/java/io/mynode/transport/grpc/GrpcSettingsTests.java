package io.mynode.transport.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrpcSettingsTests {

    @Test
    void aPeerQueueHoldsAShareOfTheHeapUnlessSet() {
        long heap = Runtime.getRuntime().maxMemory();
        long bound = GrpcSettings.from(GrpcSettings.KEYS.settings("grpc", Map.of())).peerQueueBytes();
        assertEquals(Math.clamp(heap / 32, 1L << 20, 64L << 20), bound);
        assertTrue(4 * bound <= Math.max(heap / 8, 4L << 20), "four peers' queues fit in an eighth of a heap of " + heap);
        assertEquals(4L << 20, GrpcSettings.from(GrpcSettings.KEYS.settings("grpc", Map.of("peer.queue.bytes", "4m"))).peerQueueBytes());
    }
}
