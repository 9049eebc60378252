package io.debabelizer.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.config.Secret;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** gRPC statuses (and their google.rpc.Status details trailer) as typed exceptions. */
class GoogleErrorsTest {

    private static DebabelizerException map(Status status) {
        return GoogleErrors.forGrpc(status, new Metadata(), "req-1");
    }

    @Test
    void codesMapToTypes() {
        assertThat(map(Status.UNAUTHENTICATED)).isInstanceOf(AuthenticationException.class);
        assertThat(map(Status.PERMISSION_DENIED)).isInstanceOf(AuthenticationException.class);
        assertThat(map(Status.RESOURCE_EXHAUSTED)).isInstanceOf(RateLimitedException.class);
        assertThat(map(Status.UNAVAILABLE)).isInstanceOf(ProviderUnavailableException.class);
        assertThat(map(Status.INTERNAL)).isInstanceOf(ProviderUnavailableException.class);
        assertThat(map(Status.DEADLINE_EXCEEDED)).isInstanceOf(ProviderTimeoutException.class);
        assertThat(map(Status.INVALID_ARGUMENT.withDescription("bad encoding")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("INVALID_ARGUMENT: bad encoding");
        assertThat(map(Status.OUT_OF_RANGE).requestId()).contains("req-1");
    }

    @Test
    void retryInfoInTheDetailsTrailerIsTheRetryAfter() {
        StatusRuntimeException e = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED_VALUE).setMessage("Quota exceeded")
                .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(7).setNanos(500_000_000)).build()))
                .build());
        DebabelizerException mapped = GoogleErrors.forGrpc(e.getStatus(), e.getTrailers(), null);
        assertThat(mapped).isInstanceOfSatisfying(RateLimitedException.class,
                r -> assertThat(r.retryAfter()).contains(Duration.ofMillis(7500)));
    }

    @Test
    void anInvalidKeyReasonIsAnAuthenticationErrorAndTheKeyIsScrubbed() {
        StatusRuntimeException e = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE).setMessage("API key not valid: AIza-secret")
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("API_KEY_INVALID").build())).build());
        DebabelizerException mapped = GoogleErrors.forGrpc(e.getStatus(), e.getTrailers(), null,
                Secret.of("AIza-secret"));
        assertThat(mapped).isInstanceOf(AuthenticationException.class).hasMessageNotContaining("AIza-secret");
    }

    @Test
    void aMessageThatDoesNotParseIsAProtocolError() {
        Status unreadable = Status.CANCELLED.withDescription("Failed to read message.")
                .withCause(Status.INTERNAL.withCause(new InvalidProtocolBufferException("truncated"))
                        .asRuntimeException());
        assertThat(map(unreadable)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void aCredentialsFailureKeepsItsOwnType() {
        AuthenticationException cause = new AuthenticationException("token refused", "google", null, null);
        assertThat(map(Status.UNAUTHENTICATED.withCause(cause))).isSameAs(cause);
    }
}
