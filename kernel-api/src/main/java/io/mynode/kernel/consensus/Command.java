package io.mynode.kernel.consensus;

/**
 * A command as the state machine receives it from the log: the proposer's identity, for
 * exactly-once application, and the opaque payload the proposer's module encoded.
 *
 * @param clientId identifies one proposing client (a node's consensus client, a session)
 * @param sequence increases by one per new command of that client; a retry repeats it
 * @param payload the bytes to apply, meaningful only to the state machine
 */
public record Command(String clientId, long sequence, byte[] payload) {}
