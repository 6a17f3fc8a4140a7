package org.glance4j.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the oslo.policy check language into a {@link PolicyRule}.
 *
 * <pre>
 *   rule    := ""  |  or
 *   or      := and ( "or" and )*
 *   and     := unary ( "and" unary )*
 *   unary   := "not" unary  |  "(" or ")"  |  check
 *   check   := "@"  |  "!"  |  kind ":" match
 * </pre>
 * {@code not} binds tighter than {@code and}, which binds tighter than {@code or}; the keywords are
 * case-insensitive. {@code role:} and {@code rule:} are special kinds; every other kind is a generic check.
 * Unlike oslo.policy, which quietly turns what it cannot read into a check that always fails, this parser refuses
 * malformed rules, so a typo in a policy override is found at start-up.
 */
public final class PolicyParser {

    private final List<String> tokens;
    private int position;

    private PolicyParser(List<String> tokens) {
        this.tokens = tokens;
    }

    /**
     * Parses one check string; blank means "always allow".
     *
     * @throws PolicyParseException when the string is not valid
     */
    public static PolicyRule parse(String checkString) {
        if (checkString == null || checkString.isBlank()) {
            return new PolicyRule.Always();
        }
        PolicyParser parser = new PolicyParser(tokenize(checkString));
        PolicyRule rule = parser.parseOr();
        if (parser.position < parser.tokens.size()) {
            throw new PolicyParseException("unexpected '" + parser.tokens.get(parser.position) + "' at token "
                    + (parser.position + 1) + " of \"" + checkString + "\"");
        }
        return rule;
    }

    static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text.trim().split("\\s+")) {
            int begin = 0;
            while (begin < raw.length() && raw.charAt(begin) == '(') {
                out.add("(");
                begin++;
            }
            int end = raw.length();
            int closing = 0;
            while (end > begin && raw.charAt(end - 1) == ')') {
                end--;
                closing++;
            }
            String core = raw.substring(begin, end);
            if (!core.isEmpty()) {
                String lower = core.toLowerCase(Locale.ROOT);
                out.add(lower.equals("and") || lower.equals("or") || lower.equals("not") ? lower : core);
            }
            for (int i = 0; i < closing; i++) {
                out.add(")");
            }
        }
        return out;
    }

    private PolicyRule parseOr() {
        List<PolicyRule> parts = new ArrayList<>();
        parts.add(parseAnd());
        while (peekIs("or")) {
            position++;
            parts.add(parseAnd());
        }
        return parts.size() == 1 ? parts.get(0) : new PolicyRule.Or(parts);
    }

    private PolicyRule parseAnd() {
        List<PolicyRule> parts = new ArrayList<>();
        parts.add(parseUnary());
        while (peekIs("and")) {
            position++;
            parts.add(parseUnary());
        }
        return parts.size() == 1 ? parts.get(0) : new PolicyRule.And(parts);
    }

    private PolicyRule parseUnary() {
        if (position >= tokens.size()) {
            throw new PolicyParseException("a check is missing at the end of the rule");
        }
        String token = tokens.get(position++);
        switch (token) {
            case "not":
                return new PolicyRule.Not(parseUnary());
            case "(": {
                PolicyRule inner = parseOr();
                if (!peekIs(")")) {
                    throw new PolicyParseException("a ')' is missing");
                }
                position++;
                return inner;
            }
            case ")":
                throw new PolicyParseException("unexpected ')' where a check was expected");
            case "and":
            case "or":
                throw new PolicyParseException("unexpected '" + token + "' where a check was expected");
            default:
                return parseCheck(token);
        }
    }

    private static PolicyRule parseCheck(String token) {
        if (token.equals("@")) {
            return new PolicyRule.Always();
        }
        if (token.equals("!")) {
            return new PolicyRule.Never();
        }
        int colon = token.indexOf(':');
        if (colon <= 0 || colon == token.length() - 1) {
            throw new PolicyParseException("'" + token + "' is not a check of the form kind:match, '@' or '!'");
        }
        String kind = token.substring(0, colon);
        String match = token.substring(colon + 1);
        return switch (kind) {
            case "role" -> new PolicyRule.RoleCheck(match);
            case "rule" -> new PolicyRule.RuleReference(match);
            default -> new PolicyRule.GenericCheck(kind, match);
        };
    }

    private boolean peekIs(String token) {
        return position < tokens.size() && tokens.get(position).equals(token);
    }
}
