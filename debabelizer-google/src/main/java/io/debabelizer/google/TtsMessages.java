package io.debabelizer.google;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;

/**
 * The part of {@code google/cloud/texttospeech/v1/cloud_tts.proto} that {@code StreamingSynthesize} needs, declared
 * here because Google's generated classes ({@code proto-google-cloud-texttospeech-v1}) are not served by the Maven
 * mirror. Messages are {@link DynamicMessage}s of these descriptors; fields a newer Google sends are kept as unknown
 * fields and ignored.
 *
 * <p>Field numbers and types are those of the official proto (googleapis/googleapis, cloud_tts.proto: the request
 * oneof, config, input, voice, response and enums) and, for {@code StreamingAudioConfig} and
 * {@code StreamingSynthesizeConfig.streaming_audio_config} (added later), of code generated from the current proto
 * (rudebono/elixir-googleapis-protobuf, lib/google/cloud/texttospeech/v1/cloud_tts.pb.ex).
 */
final class TtsMessages {

    static final String PACKAGE = "google.cloud.texttospeech.v1";
    static final String SERVICE = PACKAGE + ".TextToSpeech";

    static final Descriptors.FileDescriptor FILE = build();
    static final Descriptors.Descriptor REQUEST = FILE.findMessageTypeByName("StreamingSynthesizeRequest");
    static final Descriptors.Descriptor CONFIG = FILE.findMessageTypeByName("StreamingSynthesizeConfig");
    static final Descriptors.Descriptor AUDIO_CONFIG = FILE.findMessageTypeByName("StreamingAudioConfig");
    static final Descriptors.Descriptor VOICE = FILE.findMessageTypeByName("VoiceSelectionParams");
    static final Descriptors.Descriptor INPUT = FILE.findMessageTypeByName("StreamingSynthesisInput");
    static final Descriptors.Descriptor RESPONSE = FILE.findMessageTypeByName("StreamingSynthesizeResponse");
    static final Descriptors.EnumDescriptor AUDIO_ENCODING = FILE.findEnumTypeByName("AudioEncoding");
    static final Descriptors.EnumDescriptor GENDER = FILE.findEnumTypeByName("SsmlVoiceGender");

    static final MethodDescriptor<DynamicMessage, DynamicMessage> STREAMING_SYNTHESIZE =
            MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                    .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "StreamingSynthesize"))
                    .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(REQUEST)))
                    .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(RESPONSE)))
                    .build();

    private TtsMessages() {
    }

    /** The first request: voice and audio format, no text. */
    static DynamicMessage configRequest(String language, String voiceName, String gender, String encoding,
                                        int sampleRate, double speakingRate) {
        DynamicMessage.Builder voice = DynamicMessage.newBuilder(VOICE).setField(field(VOICE, "language_code"),
                language);
        if (voiceName != null) {
            voice.setField(field(VOICE, "name"), voiceName);
        }
        if (gender != null) {
            Descriptors.EnumValueDescriptor g = GENDER.findValueByName(gender);
            if (g == null) {
                throw new IllegalArgumentException("unknown gender " + gender + " (MALE, FEMALE, NEUTRAL)");
            }
            voice.setField(field(VOICE, "ssml_gender"), g);
        }
        DynamicMessage.Builder audio = DynamicMessage.newBuilder(AUDIO_CONFIG)
                .setField(field(AUDIO_CONFIG, "audio_encoding"), AUDIO_ENCODING.findValueByName(encoding));
        if (sampleRate > 0) {
            audio.setField(field(AUDIO_CONFIG, "sample_rate_hertz"), sampleRate);
        }
        if (speakingRate != 1.0) {
            audio.setField(field(AUDIO_CONFIG, "speaking_rate"), speakingRate);
        }
        DynamicMessage config = DynamicMessage.newBuilder(CONFIG)
                .setField(field(CONFIG, "voice"), voice.build())
                .setField(field(CONFIG, "streaming_audio_config"), audio.build())
                .build();
        return DynamicMessage.newBuilder(REQUEST).setField(field(REQUEST, "streaming_config"), config).build();
    }

    /** A later request: one piece of text. */
    static DynamicMessage textRequest(String text) {
        DynamicMessage input = DynamicMessage.newBuilder(INPUT).setField(field(INPUT, "text"), text).build();
        return DynamicMessage.newBuilder(REQUEST).setField(field(REQUEST, "input"), input).build();
    }

    /** A response's audio bytes (empty when it carries none). */
    static byte[] audio(DynamicMessage response) {
        return ((com.google.protobuf.ByteString) response.getField(field(RESPONSE, "audio_content"))).toByteArray();
    }

    static Descriptors.FieldDescriptor field(Descriptors.Descriptor message, String name) {
        return message.findFieldByName(name);
    }

    private static Descriptors.FileDescriptor build() {
        FileDescriptorProto proto = FileDescriptorProto.newBuilder()
                .setName("google/cloud/texttospeech/v1/cloud_tts_streaming.proto")
                .setPackage(PACKAGE)
                .setSyntax("proto3")
                .addEnumType(enumType("SsmlVoiceGender", "SSML_VOICE_GENDER_UNSPECIFIED", 0, "MALE", 1,
                        "FEMALE", 2, "NEUTRAL", 3))
                .addEnumType(enumType("AudioEncoding", "AUDIO_ENCODING_UNSPECIFIED", 0, "LINEAR16", 1, "MP3", 2,
                        "OGG_OPUS", 3, "MULAW", 5, "ALAW", 6, "PCM", 7, "M4A", 8))
                .addMessageType(message("VoiceSelectionParams")
                        .addField(scalar("language_code", 1, FieldDescriptorProto.Type.TYPE_STRING))
                        .addField(scalar("name", 2, FieldDescriptorProto.Type.TYPE_STRING))
                        .addField(typed("ssml_gender", 3, FieldDescriptorProto.Type.TYPE_ENUM, "SsmlVoiceGender")))
                .addMessageType(message("StreamingAudioConfig")
                        .addField(typed("audio_encoding", 1, FieldDescriptorProto.Type.TYPE_ENUM, "AudioEncoding"))
                        .addField(scalar("sample_rate_hertz", 2, FieldDescriptorProto.Type.TYPE_INT32))
                        .addField(scalar("speaking_rate", 3, FieldDescriptorProto.Type.TYPE_DOUBLE)))
                .addMessageType(message("StreamingSynthesizeConfig")
                        .addField(typed("voice", 1, FieldDescriptorProto.Type.TYPE_MESSAGE, "VoiceSelectionParams"))
                        .addField(typed("streaming_audio_config", 4, FieldDescriptorProto.Type.TYPE_MESSAGE,
                                "StreamingAudioConfig")))
                .addMessageType(message("StreamingSynthesisInput")
                        .addOneofDecl(OneofDescriptorProto.newBuilder().setName("input_source"))
                        .addField(scalar("text", 1, FieldDescriptorProto.Type.TYPE_STRING).setOneofIndex(0)))
                .addMessageType(message("StreamingSynthesizeRequest")
                        .addOneofDecl(OneofDescriptorProto.newBuilder().setName("streaming_request"))
                        .addField(typed("streaming_config", 1, FieldDescriptorProto.Type.TYPE_MESSAGE,
                                "StreamingSynthesizeConfig").setOneofIndex(0))
                        .addField(typed("input", 2, FieldDescriptorProto.Type.TYPE_MESSAGE,
                                "StreamingSynthesisInput").setOneofIndex(0)))
                .addMessageType(message("StreamingSynthesizeResponse")
                        .addField(scalar("audio_content", 1, FieldDescriptorProto.Type.TYPE_BYTES)))
                .addService(ServiceDescriptorProto.newBuilder().setName("TextToSpeech")
                        .addMethod(MethodDescriptorProto.newBuilder().setName("StreamingSynthesize")
                                .setInputType("." + PACKAGE + ".StreamingSynthesizeRequest")
                                .setOutputType("." + PACKAGE + ".StreamingSynthesizeResponse")
                                .setClientStreaming(true).setServerStreaming(true)))
                .build();
        try {
            return Descriptors.FileDescriptor.buildFrom(proto, new Descriptors.FileDescriptor[0]);
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException("the StreamingSynthesize descriptor is invalid", e);
        }
    }

    private static DescriptorProto.Builder message(String name) {
        return DescriptorProto.newBuilder().setName(name);
    }

    private static FieldDescriptorProto.Builder scalar(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
    }

    private static FieldDescriptorProto.Builder typed(String name, int number, FieldDescriptorProto.Type type,
                                                      String typeName) {
        return scalar(name, number, type).setTypeName("." + PACKAGE + "." + typeName);
    }

    private static EnumDescriptorProto enumType(String name, Object... valuesAndNumbers) {
        EnumDescriptorProto.Builder e = EnumDescriptorProto.newBuilder().setName(name);
        for (int i = 0; i < valuesAndNumbers.length; i += 2) {
            e.addValue(EnumValueDescriptorProto.newBuilder().setName((String) valuesAndNumbers[i])
                    .setNumber((Integer) valuesAndNumbers[i + 1]));
        }
        return e.build();
    }
}
