package io.mynode.transport.grpc;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The network threads of one node, or of one client process: a small event-loop group that the
 * server and every outbound channel share, instead of gRPC's default of two threads per core.
 *
 * <p>Why few: on a small machine running several nodes, the cost of a message is mostly system
 * calls and thread wake-ups, not bytes. One loop serving all of a node's connections wakes once
 * for everything that arrived together and flushes everything queued together, where four loops
 * each wake (and make each other's callers wake) for their share. {@code grpc.network.threads}
 * raises it for machines with cores to spare.
 *
 * <p>Uses epoll where Netty's native transport loads (Linux), else Java NIO.
 */
final class NetworkThreads implements AutoCloseable {
    private static final boolean EPOLL = Epoll.isAvailable();
    /**
     * A fixed HTTP/2 flow-control window per stream and connection. gRPC's default instead tunes
     * the window from the measured bandwidth-delay product, and to measure it sends a PING
     * whenever data arrives and none is in flight: with request-response traffic that is a ping
     * and its ack, a write and a wake-up on each side, for nearly every message. One MiB is
     * gRPC's starting window, far above what a LAN round trip needs.
     */
    static final int FLOW_CONTROL_WINDOW = 1 << 20;

    static {
        // Netty's leak detector records a stack trace for one buffer in 128 by default: a
        // measurable cost on paths that send a message per statement. Off unless asked for with
        // -Dio.grpc.netty.shaded.io.netty.leakDetection.level (a leak hunt in tests, say).
        if (System.getProperty("io.grpc.netty.shaded.io.netty.leakDetection.level") == null
                && System.getProperty("io.grpc.netty.shaded.io.netty.leakDetectionLevel") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    private final EventLoopGroup group;

    NetworkThreads(int threads, String name) {
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        this.group = new MultiThreadIoEventLoopGroup(threads, factory,
                EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** Runs {@code builder}'s acceptor and connections on these threads. */
    NettyServerBuilder serve(NettyServerBuilder builder) {
        return builder.bossEventLoopGroup(group)
                .workerEventLoopGroup(group)
                .flowControlWindow(FLOW_CONTROL_WINDOW)
                .channelType(EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class);
    }

    /** Runs {@code builder}'s connection on these threads. */
    NettyChannelBuilder connect(NettyChannelBuilder builder) {
        return builder.eventLoopGroup(group)
                .flowControlWindow(FLOW_CONTROL_WINDOW)
                .channelType(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class);
    }

    /** Stops the threads; call after every server and channel using them has terminated. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
