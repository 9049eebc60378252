package io.debabelizer.google;

import com.google.cloud.speech.v1.SpeechProto;
import com.google.cloud.speech.v1.StreamingRecognizeRequest;
import com.google.cloud.speech.v1.StreamingRecognizeResponse;
import com.google.protobuf.Descriptors;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;

/**
 * The gRPC method of {@code google.cloud.speech.v1.Speech} that live streaming uses, built from the official
 * generated messages and the service descriptor of {@code cloud_speech.proto} (what the generated
 * {@code SpeechGrpc} stub holds; that artifact is not needed for one method).
 */
final class SpeechMethods {

    static final Descriptors.ServiceDescriptor SERVICE = SpeechProto.getDescriptor().findServiceByName("Speech");

    static final MethodDescriptor<StreamingRecognizeRequest, StreamingRecognizeResponse> STREAMING_RECOGNIZE =
            MethodDescriptor.<StreamingRecognizeRequest, StreamingRecognizeResponse>newBuilder()
                    .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE.getFullName(),
                            SERVICE.findMethodByName("StreamingRecognize").getName()))
                    .setRequestMarshaller(ProtoUtils.marshaller(StreamingRecognizeRequest.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(StreamingRecognizeResponse.getDefaultInstance()))
                    .build();

    private SpeechMethods() {
    }
}
