package org.glance4j.bootstrap.cli;

import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A path option's value, which may not be blank ({@code --data-dir=} is a mistake, not the current folder). */
public final class GivenPath implements ITypeConverter<Path> {

    @Override
    public Path convert(String value) {
        if (value.isBlank()) {
            throw new TypeConversionException("needs a value");
        }
        return Path.of(value);
    }
}
