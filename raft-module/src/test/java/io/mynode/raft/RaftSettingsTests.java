package io.mynode.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RaftSettingsTests {

    private static RaftSettings parse(Map<String, String> values) {
        return RaftSettings.parse(RaftSettings.KEYS.settings("raft", values));
    }

    @Test
    void readLeasesAreOnByDefaultAndLastNinetyPercentOfElectionTicksLessTwo() {
        assertEquals(144_000_000L, parse(Map.of()).core().leaseNanos(), "tick 20 ms, election 10 ticks");
        assertEquals(9 * 50_000_000L * 9 / 10, parse(Map.of("tick.ms", "50", "election.ticks", "11")).core().leaseNanos());
    }

    @Test
    void readLeaseFalseTurnsThemOff() {
        assertEquals(0, parse(Map.of("read.lease", "false")).core().leaseNanos());
        assertEquals(0, parse(Map.of("read.lease", "off")).core().leaseNanos());
    }

    @Test
    void withoutCheckQuorumThereIsNoLease() {
        assertEquals(0, parse(Map.of("check.quorum", "false")).core().leaseNanos(),
                "followers refuse votes only with check-quorum, and the lease rests on that");
        assertEquals(0, parse(Map.of("check.quorum", "false", "read.lease", "true")).core().leaseNanos());
    }

    @Test
    void withTooFewElectionTicksThereIsNoLease() {
        assertEquals(0, parse(Map.of("election.ticks", "2", "heartbeat.ticks", "1")).core().leaseNanos());
    }

    @Test
    void aBadReadLeaseValueIsAnErrorNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(Map.of("read.lease", "maybe")));
        assertTrue(e.getMessage().contains("raft.read.lease"), e.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class, () -> parse(Map.of("read.leases", "true")));
        assertTrue(unknown.getMessage().contains("raft.read.leases"), unknown.getMessage());
    }

    @Test
    void theInboxByteBoundIsAShareOfTheHeapUnlessSet() {
        long heap = Runtime.getRuntime().maxMemory();
        long bound = parse(Map.of()).inboxBytes();
        assertEquals(Math.clamp(heap / 16, 1L << 20, 32L << 20), bound);
        assertTrue(bound <= Math.max(heap / 16, 1L << 20), "at most a sixteenth of a heap of " + heap);
        assertEquals(8L << 20, parse(Map.of("inbox.bytes", "8m")).inboxBytes());
        assertThrows(ConfigException.class, () -> parse(Map.of("inbox.bytes", "1k")));
    }
}
