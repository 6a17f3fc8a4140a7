package org.glance4j.core.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.glance4j.core.settings.PropertyProtectionSettings;
import org.glance4j.core.settings.PropertyProtectionSettings.Format;
import org.glance4j.core.settings.PropertyProtectionSettings.Section;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;

/**
 * Who may create, read, update and delete which custom image properties: Glance's property protections. Without
 * settings every operation is allowed. With them, the first section whose expression is found in a property name
 * decides (a name that no section matches is refused everything), and {@code os_glance*} properties are always
 * open (Glance puts an {@code os_glance.*} section first and drops the operator's own {@code os_glance} sections).
 * A value lists roles ({@code @}: everyone, {@code !}: nobody, empty: nobody) or, in the policies format, names
 * one policy rule, evaluated without a target.
 */
public final class PropertyProtections {

    /** The four operations of a protection section. */
    public enum Operation {
        CREATE,
        READ,
        UPDATE,
        DELETE;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Logger LOG = Logger.getLogger(PropertyProtections.class.getName());
    private static final PropertyProtections NONE = new PropertyProtections(null, List.of(), null);

    private final Format format;
    private final List<Rule> rules;
    private final PolicyEngine engine;

    private record Rule(String section, Pattern pattern, Map<Operation, List<String>> permissions) {}

    private PropertyProtections(Format format, List<Rule> rules, PolicyEngine engine) {
        this.format = format;
        this.rules = rules;
        this.engine = engine;
    }

    /** No protections: every property is open to every operation. */
    public static PropertyProtections none() {
        return NONE;
    }

    /**
     * The protections of an operator's file, checked as Glance checks them at start-up.
     *
     * @param settings null for none
     * @throws IllegalArgumentException naming the section when an expression does not compile, an operation is
     *                                  missing, {@code @} and {@code !} are combined, or a policies-format value
     *                                  names more than one rule
     */
    public static PropertyProtections of(PropertyProtectionSettings settings, PolicyEngine engine) {
        if (settings == null) {
            return NONE;
        }
        List<Rule> rules = new ArrayList<>();
        Map<Operation, List<String>> open = new TreeMap<>();
        for (Operation op : Operation.values()) {
            open.put(op, List.of("@"));
        }
        rules.add(new Rule("os_glance.*", Pattern.compile("os_glance.*"), open));
        for (Section section : settings.sections()) {
            if (section.pattern().startsWith("os_glance")) {
                continue;
            }
            rules.add(rule(settings.format(), section));
        }
        return new PropertyProtections(settings.format(), List.copyOf(rules), engine);
    }

    private static Rule rule(Format format, Section section) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(section.pattern());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "property protection [" + section.pattern() + "] is not a valid regular expression: "
                            + e.getDescription(),
                    e);
        }
        Map<Operation, List<String>> permissions = new TreeMap<>();
        for (Operation op : Operation.values()) {
            String raw = section.operations().get(op.key());
            if (raw == null) {
                throw new IllegalArgumentException("property protection [" + section.pattern() + "] does not say who"
                        + " may " + op.key() + " (every section needs create, read, update and delete)");
            }
            permissions.put(op, permissions(format, section, op, raw.strip()));
        }
        return new Rule(section.pattern(), pattern, permissions);
    }

    private static List<String> permissions(Format format, Section section, Operation op, String raw) {
        if (raw.isEmpty()) {
            LOG.warning(
                    "property protection [" + section.pattern() + "] gives " + op.key() + " to nobody (empty value)");
            return List.of();
        }
        if (format == Format.POLICIES) {
            if (raw.contains(",")) {
                throw new IllegalArgumentException("property protection [" + section.pattern() + "] " + op.key() + " = "
                        + raw + ": one policy rule per operation (combine rules in the policy file)");
            }
            return List.of(raw);
        }
        List<String> roles = new ArrayList<>();
        for (String role : raw.split(",")) {
            roles.add(role.strip().toLowerCase(Locale.ROOT));
        }
        if (roles.contains("@") && roles.contains("!")) {
            throw new IllegalArgumentException("property protection [" + section.pattern() + "] " + op.key() + " = "
                    + raw + ": '@' and '!' exclude each other");
        }
        return List.copyOf(roles);
    }

    /** Whether protections are configured. */
    public boolean enabled() {
        return !rules.isEmpty();
    }

    /** Whether the caller may perform {@code operation} on the custom property {@code name}. */
    public boolean allows(RequestContext context, String name, Operation operation) {
        if (rules.isEmpty()) {
            return true;
        }
        Rule rule = rules.stream()
                .filter(r -> r.pattern().matcher(name).find())
                .findFirst()
                .orElse(null);
        if (rule == null) {
            return false;
        }
        List<String> allowed = rule.permissions().get(operation);
        if (allowed.isEmpty() || allowed.contains("!")) {
            return false;
        }
        if (allowed.contains("@")) {
            return true;
        }
        if (format == Format.POLICIES) {
            String policy = allowed.get(0);
            return engine.hasRule(policy) && engine.allows(policy, context, Map.of());
        }
        Set<String> roles = new HashSet<>(context.roles());
        return allowed.stream().anyMatch(roles::contains);
    }

    /** Refuses, as Glance does ({@code FORBIDDEN}, "Attribute 'x' is reserved."), an operation not allowed. */
    public void require(RequestContext context, String name, Operation operation) {
        if (!allows(context, name, operation)) {
            throw reserved(name);
        }
    }

    /** The image without the custom properties the caller may not read (the image itself when none are hidden). */
    public Image readableView(RequestContext context, Image image) {
        if (rules.isEmpty() || image.properties().isEmpty()) {
            return image;
        }
        Image.Builder view = null;
        for (String key : image.properties().keySet()) {
            if (!allows(context, key, Operation.READ)) {
                view = view == null ? image.toBuilder() : view;
                view.removeProperty(key);
            }
        }
        return view == null ? image : view.build();
    }

    /**
     * The stored image after a change made on the caller's readable view: the changed view, plus the properties
     * the caller could not read, kept as they were unless the caller set them itself.
     */
    public Image merge(RequestContext context, Image stored, Image changedView) {
        if (rules.isEmpty()) {
            return changedView;
        }
        Image.Builder merged = changedView.toBuilder();
        stored.properties().forEach((key, value) -> {
            if (!changedView.properties().containsKey(key) && !allows(context, key, Operation.READ)) {
                merged.property(key, value);
            }
        });
        return merged.build();
    }

    static GlanceException reserved(String name) {
        return GlanceException.forbidden("Attribute '" + name + "' is reserved.");
    }
}
