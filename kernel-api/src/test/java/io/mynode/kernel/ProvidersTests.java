package io.mynode.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.consensus.ConsensusProvider;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.storage.StorageEngineProvider;
import org.junit.jupiter.api.Test;

class ProvidersTests {
    @Test
    void aProviderIsFoundByName() {
        assertEquals("local", Providers.select(ConsensusProvider.class, "local").name());
    }

    @Test
    void anUnknownNameListsTheNamesFound() {
        String m = assertThrows(ConfigException.class, () -> Providers.select(ConsensusProvider.class, "paxos")).getMessage();
        assertTrue(m.contains("'paxos'") && m.contains("found: ") && m.contains("local"), m);
    }

    @Test
    void noProviderAtAllSaysNone() {
        // The kernel ships no storage engine; its own tests see none on the class path.
        String m = assertThrows(ConfigException.class, () -> Providers.select(StorageEngineProvider.class, "btree")).getMessage();
        assertTrue(m.endsWith("found: none"), m);
    }
}
