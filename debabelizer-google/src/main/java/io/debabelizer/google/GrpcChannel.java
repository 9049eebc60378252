package io.debabelizer.google;

import io.debabelizer.DebabelizerException;
import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A provider's gRPC channel to one Google endpoint ({@code speech_grpc_endpoint} or {@code tts_grpc_endpoint}; TLS,
 * or plaintext for emulators and tests), created on first use and shared by its streams. Every call carries the provider's credentials as
 * {@link CallCredentials}: the API key or a (cached) service-account access token, plus the quota project.
 */
final class GrpcChannel implements AutoCloseable {

    private final GoogleSettings settings;
    private final String target;
    private final boolean plaintext;
    private ManagedChannel channel;
    private boolean closed;

    GrpcChannel(GoogleSettings settings, String target, boolean plaintext) {
        this.settings = settings;
        this.target = target;
        this.plaintext = plaintext;
    }

    <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method) {
        return channel().newCall(method, CallOptions.DEFAULT.withCallCredentials(new Credentials()));
    }

    /** Whether the transport is connected (the server answered the HTTP/2 handshake). */
    boolean isConnected() {
        return channel().getState(false) == ConnectivityState.READY;
    }

    String target() {
        return target;
    }

    private synchronized ManagedChannel channel() {
        if (closed) {
            throw new IllegalStateException("the provider is closed");
        }
        if (channel == null) {
            NettyChannelBuilder b = NettyChannelBuilder.forTarget(target)
                    .userAgent("debabelizer");
            if (plaintext) {
                b.usePlaintext();
            } else {
                b.useTransportSecurity();
            }
            channel = b.build();
        }
        return channel;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (channel != null) {
            channel.shutdownNow();
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Headers are computed off the transport thread: a token refresh does HTTP. */
    private final class Credentials extends CallCredentials {
        @Override
        public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
            executor.execute(() -> {
                try {
                    Metadata md = new Metadata();
                    for (Map.Entry<String, String> h : settings.auth().headers().entrySet()) {
                        md.put(Metadata.Key.of(h.getKey().toLowerCase(java.util.Locale.ROOT),
                                Metadata.ASCII_STRING_MARSHALLER), h.getValue());
                    }
                    if (settings.quotaProject() != null) {
                        md.put(Metadata.Key.of("x-goog-user-project", Metadata.ASCII_STRING_MARSHALLER),
                                settings.quotaProject());
                    }
                    applier.apply(md);
                } catch (DebabelizerException e) {
                    applier.fail(Status.UNAUTHENTICATED.withDescription(e.getMessage()).withCause(e));
                }
            });
        }
    }
}
