package org.glance4j.core.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.PatchOperation;

/**
 * Checks every operation of an image patch before any is applied, as Glance's request deserializer does: the op
 * (add, replace, remove), the JSON pointer (its syntax and depth), the presence of a value, read-only and
 * reserved attributes (403) and the type of the value against the schema (400). Only the semantics of the
 * {@code openstack-images-v2.1-json-patch} media type exist here: {@code add} of an existing attribute replaces.
 */
final class PatchRequestParser {

    private static final List<String> OPERATIONS = List.of("add", "remove", "replace");
    private static final Map<String, Map<String, Integer>> DEPTHS =
            Map.of("locations", Map.of("add", 2, "remove", 2, "replace", 1));
    private static final Pattern ADJACENT_SLASHES = Pattern.compile("/\\s*?/");
    private static final Pattern BAD_ESCAPE = Pattern.compile("~[^01]");

    private final ImageRules rules;

    PatchRequestParser(ImageRules rules) {
        this.rules = rules;
    }

    List<ImageChange> parse(List<PatchOperation> operations) {
        if (operations == null) {
            throw GlanceException.invalid("Request body must be a JSON array of operation objects.");
        }
        List<ImageChange> changes = new ArrayList<>();
        for (PatchOperation operation : operations) {
            if (operation == null) {
                throw GlanceException.invalid("Operations must be JSON objects.");
            }
            changes.add(parseOne(operation));
        }
        return changes;
    }

    private ImageChange parseOne(PatchOperation operation) {
        String op = operation.op();
        if (!OPERATIONS.contains(op)) {
            throw GlanceException.invalid("Invalid operation: `" + op + "`. It must be one of the following: "
                    + String.join(", ", OPERATIONS) + ".");
        }
        List<String> path = decodePointer(operation.path());
        if (path.get(0).isEmpty()) {
            throw GlanceException.invalid("Invalid JSON pointer for this resource: '" + operation.path() + "'");
        }
        int allowedDepth = DEPTHS.getOrDefault(path.get(0), Map.of()).getOrDefault(op, 1);
        if (path.size() != allowedDepth) {
            throw GlanceException.invalid("Invalid JSON pointer for this resource: '/" + String.join("/", path) + "'");
        }
        if (!op.equals("remove") && !operation.hasValue()) {
            throw GlanceException.invalid("Operation \"" + op + "\" requires a member named \"value\".");
        }
        ImageChange change = new ImageChange(op, path, op.equals("remove") ? null : operation.value());
        validate(change);
        return change;
    }

    private void validate(ImageChange change) {
        String root = change.root();
        if (ImageRules.READ_ONLY_IN_PATCH.contains(root)) {
            throw ImageRules.readOnly(root);
        }
        if (ImageRules.isReserved(root)) {
            throw ImageRules.reserved(root);
        }
        if (change.op().equals("remove")) {
            return;
        }
        if (!rules.catalog().isBase(root)) {
            ImageRules.validateCustomKey(root);
        }
        if (change.path().size() == 1) {
            rules.validateValue(root, change.value());
        }
    }

    static List<String> decodePointer(String pointer) {
        if (!pointer.startsWith("/")) {
            throw GlanceException.invalid("Pointer `" + pointer + "` does not start with \"/\".");
        }
        if (ADJACENT_SLASHES.matcher(pointer.substring(1)).find()) {
            throw GlanceException.invalid("Pointer `" + pointer + "` contains adjacent \"/\".");
        }
        if (pointer.length() > 1 && pointer.endsWith("/")) {
            throw GlanceException.invalid("Pointer `" + pointer + "` end with \"/\".");
        }
        if (pointer.substring(1).strip().equals("/")) {
            throw GlanceException.invalid("Pointer `" + pointer + "` does not contains valid token.");
        }
        if (BAD_ESCAPE.matcher(pointer).find() || pointer.endsWith("~")) {
            throw GlanceException.invalid(
                    "Pointer `" + pointer + "` contains \"~\" not part of a recognized escape" + " sequence.");
        }
        List<String> parts = new ArrayList<>();
        String body = pointer.replaceFirst("^/+", "");
        for (String part : body.split("/", -1)) {
            parts.add(part.replace("~1", "/").replace("~0", "~").strip());
        }
        return parts;
    }
}
