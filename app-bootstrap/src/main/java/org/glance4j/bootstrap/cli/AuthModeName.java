package org.glance4j.bootstrap.cli;

import org.glance4j.http.AuthMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --auth noauth|trusted-headers|keystone}. */
public final class AuthModeName implements ITypeConverter<AuthMode> {

    @Override
    public AuthMode convert(String value) {
        return switch (value) {
            case "noauth" -> AuthMode.NOAUTH;
            case "trusted-headers" -> AuthMode.TRUSTED_HEADERS;
            case "keystone" -> AuthMode.KEYSTONE;
            default ->
                throw new TypeConversionException("must be noauth, trusted-headers or keystone, not '" + value + "'");
        };
    }
}
