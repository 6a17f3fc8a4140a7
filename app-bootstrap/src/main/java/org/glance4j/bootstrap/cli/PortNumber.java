package org.glance4j.bootstrap.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A TCP port option's value: 0 (any free port) to 65535. */
public final class PortNumber implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TypeConversionException("must be a number from 0 to 65535, not '" + value + "'");
    }
}
