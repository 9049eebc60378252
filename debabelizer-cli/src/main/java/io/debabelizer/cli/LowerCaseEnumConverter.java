package io.debabelizer.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** Parses enum options case-insensitively and names the choices the way users type them (lower case). */
final class LowerCaseEnumConverter<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {

    private final Class<E> type;

    LowerCaseEnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.strip())) {
                return constant;
            }
        }
        throw new CommandLine.TypeConversionException("expected one of " + Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + " but was '" + value + "'");
    }

    static <E extends Enum<E>> void register(CommandLine cmd, Class<E> type) {
        cmd.registerConverter(type, new LowerCaseEnumConverter<>(type));
    }
}
