package org.glance4j.bootstrap.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A text option's value, which may not be blank. */
public final class GivenText implements ITypeConverter<String> {

    @Override
    public String convert(String value) {
        if (value.isBlank()) {
            throw new TypeConversionException("needs a value");
        }
        return value;
    }
}
