package org.glance4j.bootstrap.wiring;

import java.util.Comparator;
import java.util.List;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.ports.out.store.StoreOption;

/**
 * The store sections of {@code docs/configuration.md}, written from the declarations of the store factories
 * ({@link ImageStoreFactory#options()}): one table per store type, in type order. A test keeps the document equal to
 * what the built-in stores declare.
 */
public final class StoreOptionsDoc {

    private StoreOptionsDoc() {}

    /** The Markdown of every store type of {@code factories}, in type order. */
    public static String markdown(List<ImageStoreFactory> factories) {
        StringBuilder doc = new StringBuilder();
        factories.stream()
                .sorted(Comparator.comparing(ImageStoreFactory::type))
                .forEach(factory -> section(doc, factory));
        return doc.toString();
    }

    private static void section(StringBuilder doc, ImageStoreFactory factory) {
        doc.append("#### `")
                .append(factory.type())
                .append("`\n\n")
                .append(factory.summary())
                .append("\n\n");
        if (!factory.options().declared()) {
            doc.append("This store type declares no options.\n\n");
            return;
        }
        doc.append("| Option | Default | Supported | Meaning |\n|---|---|---|---|\n");
        for (StoreOption option : factory.options().list()) {
            doc.append("| `")
                    .append(option.name())
                    .append("` | ")
                    .append(option.defaultValue() == null ? "(none)" : "`" + option.defaultValue() + "`")
                    .append(" | ")
                    .append(supported(option))
                    .append(" | ")
                    .append(option.help().replace("|", "\\|"))
                    .append(" |\n");
        }
        doc.append('\n');
    }

    private static String supported(StoreOption option) {
        if (!option.honoured()) {
            return "not yet";
        }
        String text = option.required() ? "yes, required" : "yes";
        return option.secret() ? text + ", secret (never printed)" : text;
    }
}
