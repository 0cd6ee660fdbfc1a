package io.mynode.transport.grpc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.transport.ClientService;
import io.mynode.kernel.transport.Connection;
import io.mynode.transport.grpc.proto.Batch;
import io.mynode.transport.grpc.proto.ClientGrpc;
import io.mynode.transport.grpc.proto.Execute;
import io.mynode.transport.grpc.proto.Hello;
import io.mynode.transport.grpc.proto.PeerFrame;
import io.mynode.transport.grpc.proto.PeerGrpc;
import io.mynode.transport.grpc.proto.PeerReply;
import io.mynode.transport.grpc.proto.SessionRequest;
import io.mynode.transport.grpc.proto.SessionResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Clients and peers that break the protocol: each gets an error status, and the node goes on
 * serving everyone else. After every test the node must still run a statement and pass peer
 * messages from its real peer.
 */
class GarbageTests {
    FakeSqlEngine engine;
    GrpcTransport node;
    GrpcTransport peer;
    ManagedChannel raw;
    BlockingQueue<String> delivered;
    HostPort address;

    @BeforeEach
    void start() {
        var ports = TestNodes.freePorts("n1", "n2");
        engine = new FakeSqlEngine();
        node = TestNodes.start(TestNodes.member("n1", ports, Map.of("max.message.bytes", "64k")));
        node.serve(new ClientService(engine, () -> TestNodes.status("n1")));
        delivered = new LinkedBlockingQueue<>();
        node.peers().receiver((from, m) -> delivered.add(from + ":" + new String(m, UTF_8)));
        peer = TestNodes.start(TestNodes.member("n2", ports, PeerNetworkTests.FAST));
        address = new HostPort("127.0.0.1", node.port());
        raw = NettyChannelBuilder.forAddress("127.0.0.1", node.port()).usePlaintext().build();
    }

    @AfterEach
    void nodeStillServesEveryoneThenStop() throws InterruptedException {
        try (Connection c = new GrpcTransportProvider().connect(address)) {
            assertEquals(new StatementResult.SchemaChanged("still serving"), c.session().execute("schema still serving"));
            assertEquals("n1", c.status().nodeId());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String got = null;
        while (got == null && System.nanoTime() < deadline) {
            peer.peers().send("n1", "real".getBytes(UTF_8));
            got = delivered.poll(50, TimeUnit.MILLISECONDS);
        }
        assertEquals("n2:real", got, "the real peer's messages still arrive");
        TestNodes.await("no session is left behind", Duration.ofSeconds(5), () -> node.clientEndpoint().openSessions() == 0);
        raw.shutdownNow();
        peer.close();
        node.close();
    }

    /** A call that sends raw bytes where a protobuf message belongs. */
    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    };

    Status sendRawBytes(String fullMethod, byte[] garbage) throws Exception {
        var method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                .setFullMethodName(fullMethod)
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
        ClientCall<byte[], byte[]> call = raw.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
        CompletableFuture<Status> closed = new CompletableFuture<>();
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, new Metadata());
        call.request(10);
        call.sendMessage(garbage);
        return closed.get(10, TimeUnit.SECONDS);
    }

    /** Opens a stream with the generated stub and returns how it ended. */
    static <Q, R> Status streamAndEnd(java.util.function.Function<StreamObserver<R>, StreamObserver<Q>> open, List<Q> frames)
            throws Exception {
        CompletableFuture<Status> closed = new CompletableFuture<>();
        StreamObserver<Q> requests = open.apply(new StreamObserver<R>() {
            @Override
            public void onNext(R value) {}

            @Override
            public void onError(Throwable t) {
                closed.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                closed.complete(Status.OK);
            }
        });
        for (Q frame : frames) {
            requests.onNext(frame);
        }
        return closed.get(10, TimeUnit.SECONDS);
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        b[0] = (byte) 0xff; // field 31, wire type 7: never valid protobuf
        return b;
    }

    @Nested
    class FromAClient {
        @Test
        void unparseableBytesEndTheCallWithAnError() throws Exception {
            for (long seed = 0; seed < 5; seed++) {
                Status s = sendRawBytes("mynode.v1.Client/Session", randomBytes(100, seed));
                assertTrue(!s.isOk(), "status " + s);
            }
        }

        @Test
        void anEmptyRequestIsInvalid() throws Exception {
            Status s = streamAndEnd(ClientGrpc.newStub(raw)::session, List.of(SessionRequest.getDefaultInstance()));
            assertEquals(Status.Code.INVALID_ARGUMENT, s.getCode(), s.toString());
        }

        @Test
        void floodingStatementsWithoutReadingIsRefused() throws Exception {
            SessionRequest slow = SessionRequest.newBuilder().setExecute(Execute.newBuilder().setSql("sleep 300")).build();
            List<SessionRequest> flood = java.util.Collections.nCopies(ServerSession.MAX_PENDING + 4, slow);
            Status s = GarbageTests.<SessionRequest, SessionResponse>streamAndEnd(ClientGrpc.newStub(raw)::session, flood);
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, s.getCode(), s.toString());
        }

        @Test
        void aMessageOverTheSizeLimitIsRefusedAsInvalidInput() {
            try (Connection c = new GrpcTransportProvider().connect(address)) {
                var session = c.session();
                var e = assertThrows(InvalidInputException.class, () -> session.execute("schema " + "x".repeat(100_000)));
                assertTrue(e.getMessage().contains("accepts at most 65536"), e.getMessage());
                assertEquals(new StatementResult.SchemaChanged("small"), session.execute("schema small"));
            }
        }

        @Test
        void aRawMessageOverTheSizeLimitEndsTheCall() throws Exception {
            byte[] huge = SessionRequest.newBuilder().setExecute(Execute.newBuilder().setSql("x".repeat(100_000)))
                    .build().toByteArray();
            Status s = sendRawBytes("mynode.v1.Client/Session", huge);
            assertTrue(!s.isOk(), "status " + s);
        }

        @Test
        void aNonGrpcConnectionIsClosed() throws IOException {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(UTF_8));
                out.write(randomBytes(4096, 7));
                out.flush();
                InputStream in = socket.getInputStream();
                try {
                    while (in.read() >= 0) {
                        // Whatever the server says (a GOAWAY frame), it must then hang up.
                    }
                } catch (SocketException reset) {
                    // A reset is a hang-up too.
                }
            }
        }
    }

    @Nested
    class FromAPeer {
        PeerFrame hello(String from, String to) {
            return PeerFrame.newBuilder().setHello(Hello.newBuilder().setFrom(from).setTo(to)).build();
        }

        PeerFrame batch(String text) {
            return PeerFrame.newBuilder().setBatch(Batch.newBuilder()
                    .addMessages(com.google.protobuf.ByteString.copyFromUtf8(text))).build();
        }

        Status connect(PeerFrame... frames) throws Exception {
            return GarbageTests.<PeerFrame, PeerReply>streamAndEnd(PeerGrpc.newStub(raw)::connect, List.of(frames));
        }

        @Test
        void unparseableBytesEndTheCallWithAnError() throws Exception {
            Status s = sendRawBytes("mynode.v1.Peer/Connect", randomBytes(300, 3));
            assertTrue(!s.isOk(), "status " + s);
        }

        @Test
        void messagesBeforeHelloAreRefusedAndNotDelivered() throws Exception {
            assertEquals(Status.Code.INVALID_ARGUMENT, connect(batch("sneaky")).getCode());
            assertTrue(!delivered.contains("n2:sneaky") && delivered.stream().noneMatch(m -> m.endsWith("sneaky")));
        }

        @Test
        void aHelloFromAStrangerOrToAnotherNodeIsRefused() throws Exception {
            assertEquals(Status.Code.INVALID_ARGUMENT, connect(hello("mallory", "n1"), batch("x")).getCode());
            assertEquals(Status.Code.INVALID_ARGUMENT, connect(hello("n2", "n9"), batch("x")).getCode());
            assertEquals(Status.Code.INVALID_ARGUMENT, connect(hello("n1", "n1"), batch("x")).getCode());
            assertTrue(delivered.stream().noneMatch(m -> m.endsWith(":x")), "delivered " + delivered);
        }

        @Test
        void aSecondHelloOrAnEmptyFrameIsRefused() throws Exception {
            assertEquals(Status.Code.INVALID_ARGUMENT, connect(hello("n2", "n1"), hello("n2", "n1")).getCode());
            assertEquals(Status.Code.INVALID_ARGUMENT, connect(hello("n2", "n1"), PeerFrame.getDefaultInstance()).getCode());
        }

        @Test
        void aWellBehavedRawPeerIsWelcomedAndDelivered() throws Exception {
            BlockingQueue<PeerReply> replies = new LinkedBlockingQueue<>();
            StreamObserver<PeerFrame> frames = PeerGrpc.newStub(raw).connect(new StreamObserver<>() {
                @Override
                public void onNext(PeerReply value) {
                    replies.add(value);
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {}
            });
            frames.onNext(hello("n2", "n1"));
            assertInstanceOf(PeerReply.class, replies.poll(10, TimeUnit.SECONDS));
            frames.onNext(batch("by hand"));
            String got;
            do {
                got = delivered.poll(10, TimeUnit.SECONDS);
            } while (got != null && !got.equals("n2:by hand"));
            assertEquals("n2:by hand", got);
            frames.onCompleted();
        }
    }
}
