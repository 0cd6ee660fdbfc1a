/**
 * The gRPC transport (provider {@code grpc}): client sessions and peer messages on one port.
 *
 * <h2>One port, two services</h2>
 *
 * <p>Each node runs one gRPC server (Netty, plaintext HTTP/2) on {@code node.listen}. It carries
 * the {@code Client} service, which the REPL, the bench tool and Jepsen reach through
 * {@link io.mynode.kernel.client.Clients}, and the {@code Peer} service, which carries consensus's
 * opaque messages between nodes. The protocol is {@code src/main/proto/mynode.proto}; its
 * generated types live in {@code io.mynode.transport.grpc.proto} and never leave this module
 * ({@link io.mynode.transport.grpc.Wire} converts at the edge).
 *
 * <pre>
 *   client                          node (GrpcTransport)
 *   RemoteConnection ── channel ──► server :9601 ─┬─ ClientEndpoint ─► ServerSession ─► SqlEngine
 *     RemoteSession ── Session stream ───────────┘                     (one worker per stream)
 *                                                └─ PeerMesh ─► PeerNetwork.Receiver (consensus)
 *   other node: PeerLink ── Peer.Connect stream ──┘
 * </pre>
 *
 * <h2>Sessions are streams</h2>
 *
 * <p>A SQL session is one bidirectional stream: the client sends {@code Execute}, the node answers
 * with one terminal message ({@code Completed} or {@code Failed}), or with a row result: a
 * {@code RowsHeader} that carries the first rows (and, for a small result, everything: one message
 * per point query), then {@code RowsChunk}s of about {@code grpc.chunk.bytes}, then {@code RowsEnd}.
 * Every terminal message carries the session's transaction, so {@code Session.transaction()}
 * costs no round trip. The session itself (an open transaction) lives on the node for the
 * stream's life; when the stream ends for any reason, the node closes the session, which rolls
 * the transaction back. Rows flow under gRPC flow control end to end: the client asks for a
 * message only as it consumes one, and the node's worker writes only while the stream is ready,
 * so a slow reader pauses the executor rather than filling either side's memory.
 *
 * <p>Prepared statements live in the node's session under ids the client chooses
 * ({@code Prepare}, answered by the statement's parameter types and columns; then
 * {@code ExecutePrepared} with values); closing one costs no round trip, since the client sends
 * its closes with its next request. If the stream ends and the session goes on on a new one, the
 * client prepares its statements again there ({@link io.mynode.transport.grpc.RemotePrepared}).
 * {@code ExecuteBatch} runs many statements, or one prepared statement with many sets of values,
 * in one request. An {@code Execute} may carry a fetch size (rows per message) and a row limit.
 * Every row header describes its columns (name, type, nullability).
 *
 * <p>Which errors a client sees, and why: a statement's own error crosses as its kernel
 * {@link io.mynode.kernel.error.ErrorKind}, SQLSTATE and message and is rebuilt with
 * {@link io.mynode.kernel.error.MynodeException#of}; a node that cannot be reached or does not
 * serve yet is {@code UnavailableException} (nothing happened, retry); a stream that breaks or
 * stays silent past the statement timeout while a statement runs is
 * {@code OutcomeUnknownException}, because a COMMIT may have gone through.
 *
 * <h2>Peers</h2>
 *
 * <p>Delivery is best effort, as {@link io.mynode.kernel.consensus.PeerNetwork} allows: each
 * outbound {@link io.mynode.transport.grpc.PeerLink} has a bounded queue that drops its oldest
 * message when full, and a sender that reconnects with exponential backoff; {@code send} never
 * blocks, so a dead or slow peer costs the others nothing. Inbound streams must introduce
 * themselves (Hello: sender and receiver ids) before sending; a stranger or a malformed stream is
 * refused with INVALID_ARGUMENT and nothing it sent is delivered. There is no authentication:
 * the cluster's network is trusted, as in toyDB.
 *
 * <h2>Limits, deadlines, shutdown</h2>
 *
 * <p>{@code grpc.max.message.bytes} bounds every inbound message; the node announces it (in
 * {@code Opened} and {@code Welcome}) so that clients refuse an oversized statement with a clear
 * error and peers keep their batches below it. Deadlines: one-shot calls and opening a session
 * ({@code mynode.grpc.call.deadline.ms}), a statement's silence ({@code mynode.grpc.statement.timeout.ms}),
 * a peer accepting a stream ({@code grpc.peer.connect.timeout.ms}), the HTTP/2 handshake
 * ({@code grpc.handshake.timeout.ms}); keepalive pings find dead connections. {@code close()}
 * stops accepting, ends idle sessions at once, lets running statements (and row streams) finish
 * for {@code grpc.shutdown.grace.ms} while peer messages keep flowing, then cancels the rest and
 * stops the peer links. A result cut short by that cancel reaches the client as an error, never
 * as a shorter result. See {@link io.mynode.transport.grpc.GrpcSettings}.
 *
 * <h2>Fault injection (testing only)</h2>
 *
 * <p>None here: the kernel puts {@link io.mynode.kernel.fault.FaultyNetwork} between any transport
 * and consensus when {@code faults.file} is set, so partitions need nothing from a transport.
 *
 * <h2>Threads</h2>
 *
 * <p>A node's network I/O runs on {@code grpc.network.threads} event-loop threads (one by
 * default, see {@link io.mynode.transport.grpc.NetworkThreads}), shared by the server and the
 * peer links, and the service callbacks run right there (no executor hop): they only queue work.
 * Each client session stream has its own worker thread (statements may block on consensus); the
 * unary calls (status, tables) each get a short-lived thread; each outbound peer link has one
 * connector thread that keeps its stream open, while messages are written into the stream by the
 * thread that sends them, or by the network thread when the stream becomes writable again
 * (workers and connectors are virtual threads on Java 24+, see
 * {@link io.mynode.transport.grpc.Threads}).
 * The receiver installed on {@code peers()} is called on the network thread, in order for each
 * peer, and must only queue what it gets: a receiver that blocks stalls every connection that
 * thread serves. Every hand-off between threads is a wake-up, which on a small machine costs
 * more than the message itself; the design keeps them to one per direction per message.
 *
 * <h2>Left out</h2>
 *
 * <p>TLS and authentication (plaintext on a trusted network), compression, forwarding of
 * statements between nodes (the SQL layer's and consensus's job: any node accepts any statement),
 * and retrying statements on another node (the client decides, knowing the error kind).
 */
package io.mynode.transport.grpc;
