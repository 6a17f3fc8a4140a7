package org.glance4j.ports.out.store;

import java.util.Objects;
import java.util.Optional;

/**
 * An option a store section sets although the store's factory does not declare it.
 *
 * @param storeId    the store whose section sets it
 * @param name       the option as the operator wrote it
 * @param didYouMean the closest declared option, when the name looks like a misspelling of one
 */
public record UnknownStoreOption(String storeId, String name, Optional<String> didYouMean) {
    public UnknownStoreOption {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(didYouMean, "didYouMean");
    }

    /** One line for the start-up log, e.g. {@code Store 'x': unknown option rbd_store_pol (did you mean rbd_store_pool?); ignored}. */
    public String message() {
        return "Store '" + storeId + "': unknown option " + name
                + didYouMean.map(d -> " (did you mean " + d + "?)").orElse("") + "; ignored";
    }
}
