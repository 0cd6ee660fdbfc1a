package io.mynode.txn;

import static io.mynode.txn.Fixture.b;
import static io.mynode.txn.Fixture.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mynode.kernel.Providers;
import io.mynode.kernel.config.Settings;
import io.mynode.kernel.consensus.Command;
import io.mynode.kernel.consensus.LocalConsensus;
import io.mynode.kernel.consensus.StateMachine;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.storage.MemoryEngine;
import io.mynode.kernel.txn.Transaction;
import io.mynode.kernel.txn.TransactionContext;
import io.mynode.kernel.txn.TransactionEngine;
import io.mynode.kernel.txn.TransactionEngineProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MvccProviderTests {

    @Test
    void theKernelFindsItAsMvccAndBootsItInTwoHalves() {
        TransactionEngineProvider provider = Providers.select(TransactionEngineProvider.class, "mvcc");
        StateMachine sm = provider.stateMachine(new TransactionContext("n1", new MemoryEngine(),
                new Settings("mvcc", Map.of("retention.versions", "1000"))));
        TransactionEngine engine = provider.engine(sm, new LocalConsensus("n1", sm, Settings.empty("local")));
        try (Transaction t = engine.begin()) {
            t.put(b("k"), b("v"));
            t.commit();
        }
        try (Transaction t = engine.beginReadOnly()) {
            assertEquals("v", s(t.get(b("k")).orElseThrow()));
        }
    }

    @Test
    void aForeignStateMachineIsRefused() {
        StateMachine foreign = new StateMachine() {
            @Override
            public byte[] apply(long index, Command command) {
                return new byte[0];
            }

            @Override
            public long appliedIndex() {
                return 0;
            }

            @Override
            public long flush() {
                return 0;
            }

            @Override
            public long writeSnapshot(OutputStream out) {
                return 0;
            }

            @Override
            public void restoreSnapshot(long index, InputStream in) {}

            @Override
            public void close() {}
        };
        assertThrows(ConfigException.class, () -> new MvccProvider().engine(foreign, null));
    }
}
