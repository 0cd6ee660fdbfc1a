package io.mynode.raft.core;

import io.mynode.kernel.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * A cluster configuration: who is a member, at which address, and whether it votes. Voters elect
 * the leader and make up every quorum; learners receive the log but count for nothing until the
 * leader promotes them. The core never reads an address: it carries them so that the log and
 * snapshots hold the whole membership, and the driver tells its transport where each node is.
 *
 * <p>A configuration travels in log entries ({@link #toEntryData()}), in snapshots and in the
 * log's metadata, always in the same MessagePack form, and is decoded defensively: a malformed
 * one is an {@link InvalidInputException} (a peer's garbage), never a half-read membership.
 *
 * <p>The empty configuration belongs to a node that has joined nothing yet: it neither votes nor
 * campaigns, and waits for a leader to send it the cluster's log or snapshot.
 *
 * @param members in the order they were added; ids are unique
 */
public record Configuration(List<Member> members) {

    /**
     * One member.
     *
     * @param id the node's id, as in {@code node.id}
     * @param address where its peers and clients reach it ({@code host:port}); opaque to the core
     * @param voter whether it votes and counts towards quorums; otherwise a learner
     */
    public record Member(String id, String address, boolean voter) {
        public Member {
            if (id == null || id.isEmpty() || id.length() > MAX_ID) {
                throw new IllegalArgumentException("a member id must have 1.." + MAX_ID + " characters: '" + id + "'");
            }
            if (address == null || address.length() > MAX_ADDRESS) {
                throw new IllegalArgumentException("member " + id + ": an address has at most " + MAX_ADDRESS + " characters");
            }
        }

        public Member asVoter() {
            return new Member(id, address, true);
        }

        @Override
        public String toString() {
            return id + (voter ? "" : "(learner)") + (address.isEmpty() ? "" : "@" + address);
        }
    }

    /** The first byte of a configuration entry: 0xC1, the one byte MessagePack never uses, so no command starts with it. */
    public static final byte ENTRY_MARKER = (byte) 0xC1;
    static final int MAX_MEMBERS = 1024;
    static final int MAX_ID = 255;
    static final int MAX_ADDRESS = 1024;
    private static final int FORMAT = 1;

    public static final Configuration EMPTY = new Configuration(List.of());

    public Configuration {
        members = List.copyOf(members);
        Set<String> ids = new HashSet<>();
        for (Member m : members) {
            if (!ids.add(m.id())) {
                throw new IllegalArgumentException("member " + m.id() + " is listed twice");
            }
        }
        if (members.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("a configuration has at most " + MAX_MEMBERS + " members");
        }
    }

    /** Every id a voter, with no addresses: the bootstrap configuration of tests. */
    public static Configuration ofVoters(List<String> ids) {
        return new Configuration(ids.stream().map(id -> new Member(id, "", true)).toList());
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    public Optional<Member> member(String id) {
        return members.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public boolean contains(String id) {
        return member(id).isPresent();
    }

    public boolean isVoter(String id) {
        return member(id).map(Member::voter).orElse(false);
    }

    public List<String> voters() {
        return members.stream().filter(Member::voter).map(Member::id).toList();
    }

    public List<String> learners() {
        return members.stream().filter(m -> !m.voter()).map(Member::id).toList();
    }

    public List<String> ids() {
        return members.stream().map(Member::id).toList();
    }

    /** Votes or acknowledgements that make a majority of the voters; 1 with no voters (nothing to wait for). */
    public int quorum() {
        return voters().size() / 2 + 1;
    }

    /** This configuration with {@code m} added at the end. */
    public Configuration with(Member m) {
        List<Member> next = new ArrayList<>(members);
        next.add(m);
        return new Configuration(next);
    }

    /** This configuration without {@code id}. */
    public Configuration without(String id) {
        return new Configuration(members.stream().filter(m -> !m.id().equals(id)).toList());
    }

    /** This configuration with learner {@code id} made a voter, in its place. */
    public Configuration promote(String id) {
        return new Configuration(members.stream().map(m -> m.id().equals(id) ? m.asVoter() : m).toList());
    }

    // ---------------------------------------------------------------- encoding

    /** Whether {@code e} holds a configuration rather than a command or a no-op. */
    public static boolean isConfiguration(Entry e) {
        return e.data().length > 0 && e.data()[0] == ENTRY_MARKER;
    }

    /** The data of a log entry that sets this configuration: the marker, then {@link #encode()}. */
    public byte[] toEntryData() {
        byte[] body = encode();
        byte[] data = new byte[body.length + 1];
        data[0] = ENTRY_MARKER;
        System.arraycopy(body, 0, data, 1, body.length);
        return data;
    }

    /** The configuration in a configuration entry; malformed data is an {@link InvalidInputException}. */
    public static Configuration fromEntry(Entry e) {
        if (!isConfiguration(e)) {
            throw new InvalidInputException("raft entry " + e.index() + " holds no configuration");
        }
        return decode(java.util.Arrays.copyOfRange(e.data(), 1, e.data().length));
    }

    /** MessagePack {@code [format, [[id, address, voter]...]]}. */
    public byte[] encode() {
        try (MessageBufferPacker p = Codec.packer()) {
            p.packInt(FORMAT).packArrayHeader(members.size());
            for (Member m : members) {
                p.packArrayHeader(3).packString(m.id()).packString(m.address()).packBoolean(m.voter());
            }
            return p.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("packing into memory cannot fail", e);
        }
    }

    /** Decodes {@link #encode()}'s form; anything else (trailing bytes included) is an {@link InvalidInputException}. */
    public static Configuration decode(byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            int format = u.unpackInt();
            if (format != FORMAT) {
                throw new InvalidInputException("raft configuration format " + format + ", expected " + FORMAT);
            }
            int n = u.unpackArrayHeader();
            if (n < 0 || n > MAX_MEMBERS || n > bytes.length) {
                throw new InvalidInputException("raft configuration of " + n + " members");
            }
            List<Member> members = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                if (u.unpackArrayHeader() != 3) {
                    throw new InvalidInputException("raft configuration: a member is not [id, address, voter]");
                }
                String id = text(u, MAX_ID);
                String address = text(u, MAX_ADDRESS);
                members.add(new Member(id, address, u.unpackBoolean()));
            }
            if (u.hasNext()) {
                throw new InvalidInputException("raft configuration: trailing bytes");
            }
            return new Configuration(members);
        } catch (IOException | MessagePackException | IllegalArgumentException e) {
            throw new InvalidInputException("malformed raft configuration (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
    }

    private static String text(MessageUnpacker u, int max) throws IOException {
        int n = u.unpackRawStringHeader();
        if (n < 0 || n > max) {
            throw new InvalidInputException("raft configuration: a string of " + n + " bytes (at most " + max + ")");
        }
        return new String(u.readPayload(n), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return members.toString();
    }
}
