package org.glance4j.core.listing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.ImageField;
import org.glance4j.ports.model.ImageQuery.Condition;
import org.glance4j.ports.model.ImageQuery.Operator;
import org.glance4j.ports.model.ImageQuery.PropertyCondition;

/**
 * The second pass over a list call's filters (Glance evaluates these in its database layer, after the policy):
 * <ul>
 *   <li>{@code name}, {@code id}, {@code status}, {@code container_format}, {@code disk_format}: a value or
 *   {@code in:a,"b,c"}; any other operator is 400. {@code status} is not validated.</li>
 *   <li>{@code created_at}, {@code updated_at}: {@code [gt|gte|lt|lte|eq|neq:]ISO-8601}.</li>
 *   <li>{@code size_min/_max}, {@code virtual_size_min/_max}, {@code min_disk_min/_max},
 *   {@code min_ram_min/_max}: integers, inclusive bounds.</li>
 *   <li>Other base columns ({@code owner}, {@code checksum}, {@code os_hash_value}, {@code size},
 *   {@code virtual_size}, {@code min_disk}, {@code min_ram}): equality, typed.</li>
 *   <li>Everything else: a custom property, equal to the value, or one of an {@code in:} list (Glance takes
 *   {@code in:} literally there; this is deliberate).</li>
 * </ul>
 */
public final class ListFilterParser {

    private static final Set<String> LIST_FIELDS = Set.of("name", "id", "status", "container_format", "disk_format");
    private static final Set<String> TIME_FIELDS = Set.of("created_at", "updated_at");
    private static final Set<String> RANGE_FIELDS = Set.of("size", "virtual_size", "min_disk", "min_ram");
    private static final Set<String> EQUALITY_FIELDS =
            Set.of("owner", "checksum", "os_hash_value", "size", "virtual_size", "min_disk", "min_ram");

    /** The conditions of the filters. */
    public record Parsed(List<Condition> conditions, List<PropertyCondition> propertyConditions) {}

    public Parsed parse(Map<String, String> filters, Boolean protectedFilter) {
        List<Condition> conditions = new ArrayList<>();
        List<PropertyCondition> properties = new ArrayList<>();
        if (protectedFilter != null) {
            conditions.add(Condition.of(ImageField.PROTECTED, Operator.EQ, protectedFilter));
        }
        // Glance never lists killed images.
        conditions.add(Condition.of(ImageField.STATUS, Operator.NEQ, "killed"));
        for (Map.Entry<String, String> e : filters.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            String rangeField = rangeField(key);
            if (rangeField != null) {
                conditions.add(range(key, rangeField, value));
            } else if (TIME_FIELDS.contains(key)) {
                conditions.add(time(key, value));
            } else if (LIST_FIELDS.contains(key)) {
                conditions.add(listable(key, value));
            } else if (EQUALITY_FIELDS.contains(key)) {
                ImageField field = ImageField.fromWire(key);
                conditions.add(Condition.of(field, Operator.EQ, typed(field, value)));
            } else {
                properties.add(property(key, value));
            }
        }
        return new Parsed(conditions, properties);
    }

    private static String rangeField(String key) {
        if (key.endsWith("_min") || key.endsWith("_max")) {
            String field = key.substring(0, key.length() - 4);
            return RANGE_FIELDS.contains(field) ? field : null;
        }
        return null;
    }

    private static Condition range(String key, String field, String value) {
        ImageField f = ImageField.fromWire(field);
        Object bound;
        try {
            long v = Long.parseLong(value.strip());
            bound = f == ImageField.MIN_DISK || f == ImageField.MIN_RAM ? (Object) Math.toIntExact(v) : (Object) v;
        } catch (NumberFormatException | ArithmeticException ex) {
            throw GlanceException.invalid("Unable to filter on a range with a non-numeric value.");
        }
        return Condition.of(f, key.endsWith("_min") ? Operator.GTE : Operator.LTE, bound);
    }

    private static Condition time(String key, String value) {
        FilterExpressions.OpValue ov = FilterExpressions.splitOperator(value);
        Instant threshold = IsoTimes.parse(ov.value());
        if (threshold == null) {
            throw GlanceException.invalid("Bad \"" + key + "\" query filter format. Use ISO 8601 DateTime notation.");
        }
        Operator op = switch (ov.op()) {
            case "gt" -> Operator.GT;
            case "gte" -> Operator.GTE;
            case "lt" -> Operator.LT;
            case "lte" -> Operator.LTE;
            case "neq" -> Operator.NEQ;
            case "eq" -> Operator.EQ;
            default -> throw GlanceException.invalid("Unable to filter on a unknown operator.");
        };
        return Condition.of(ImageField.fromWire(key), op, threshold);
    }

    private static Condition listable(String key, String value) {
        FilterExpressions.OpValue ov = FilterExpressions.splitOperator(value);
        ImageField field = ImageField.fromWire(key);
        if (ov.op().equals("in")) {
            List<String> items = FilterExpressions.splitList(ov.value());
            if (items.isEmpty()) {
                throw GlanceException.invalid("The \"in\" operator of '" + key + "' needs at least one value.");
            }
            return new Condition(field, Operator.IN, new ArrayList<>(items));
        }
        if (ov.op().equals("eq")) {
            return Condition.of(field, Operator.EQ, ov.value());
        }
        throw GlanceException.invalid("Unable to filter by unknown operator '" + ov.op() + "'.");
    }

    private static Object typed(ImageField field, String value) {
        try {
            return switch (field) {
                case SIZE, VIRTUAL_SIZE -> Long.parseLong(value.strip());
                case MIN_DISK, MIN_RAM -> Integer.parseInt(value.strip());
                default -> value;
            };
        } catch (NumberFormatException e) {
            throw GlanceException.invalid(
                    "Invalid value '" + value + "' for '" + field.wireName() + "' filter: an integer is expected.");
        }
    }

    private static PropertyCondition property(String key, String value) {
        if (value.startsWith("in:")) {
            List<String> items = FilterExpressions.splitList(value.substring(3));
            if (items.isEmpty()) {
                throw GlanceException.invalid("The \"in\" operator of '" + key + "' needs at least one value.");
            }
            return new PropertyCondition(key, Operator.IN, items);
        }
        return new PropertyCondition(key, Operator.EQ, List.of(value));
    }
}
