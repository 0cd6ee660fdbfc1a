package io.mynode.transport.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientSettingsTests {
    private static final String THREADS = "mynode.grpc.network.threads";

    @AfterEach
    void clear() {
        System.clearProperty(THREADS);
    }

    @Test
    void networkThreadsDefaultToOne() {
        assertEquals(1, ClientSettings.fromSystemProperties().networkThreads());
    }

    @Test
    void networkThreadsOutsideTheirRangeAreAClearErrorNotAClampedValue() {
        System.setProperty(THREADS, "1000");
        ConfigException e = assertThrows(ConfigException.class, ClientSettings::fromSystemProperties);
        assertTrue(e.getMessage().contains(THREADS + ": 1000 is outside 1..256"), e.getMessage());
        System.setProperty(THREADS, "4");
        assertEquals(4, ClientSettings.fromSystemProperties().networkThreads());
    }
}
