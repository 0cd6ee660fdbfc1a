package io.mynode.kernel.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mynode.kernel.config.Settings;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.UnavailableException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class LocalConsensusTests {

    /** Records what it is asked to apply; flushes count. */
    static final class Recording implements StateMachine {
        final List<Long> indexes = new ArrayList<>();
        long applied;
        int flushes;

        Recording(long applied) {
            this.applied = applied;
        }

        @Override
        public byte[] apply(long index, Command command) {
            indexes.add(index);
            applied = index;
            return command.payload();
        }

        @Override
        public long appliedIndex() {
            return applied;
        }

        @Override
        public long flush() {
            flushes++;
            return applied;
        }

        @Override
        public long writeSnapshot(OutputStream out) {
            throw new UnsupportedOperationException("not used by local consensus");
        }

        @Override
        public void restoreSnapshot(long index, InputStream in) {
            throw new UnsupportedOperationException("not used by local consensus");
        }

        @Override
        public void close() {}
    }

    @Test
    void proposalsApplyInOrderAfterTheStoredAppliedIndex() throws Exception {
        Recording sm = new Recording(41);
        LocalConsensus consensus = new LocalConsensus("n1", sm, Settings.empty("local"));
        Applied a = consensus.propose(new byte[] {1}).get();
        Applied b = consensus.propose(new byte[] {2}).get();
        assertEquals(42, a.index());
        assertEquals(43, b.index());
        assertEquals(2, b.result()[0]);
        assertEquals(List.of(42L, 43L), sm.indexes);
        assertEquals(43L, consensus.readIndex().get());
        assertEquals(2, sm.flushes, "local.sync defaults to flushing every proposal");
    }

    @Test
    void syncCanBeTurnedOff() throws Exception {
        Recording sm = new Recording(0);
        LocalConsensus consensus = new LocalConsensus("n1", sm, new Settings("local", Map.of("sync", "false")));
        consensus.propose(new byte[0]).get();
        assertEquals(0, sm.flushes);
    }

    @Test
    void unknownSettingsAreRefused() {
        assertThrows(ConfigException.class,
                () -> new LocalConsensus("n1", new Recording(0), new Settings("local", Map.of("synk", "false"))));
    }

    @Test
    void aClosedConsensusRefusesProposals() {
        LocalConsensus consensus = new LocalConsensus("n1", new Recording(0), Settings.empty("local"));
        consensus.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> consensus.propose(new byte[0]).get());
        assertInstanceOf(UnavailableException.class, e.getCause());
    }
}
