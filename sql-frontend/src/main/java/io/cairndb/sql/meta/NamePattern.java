package io.cairndb.sql.meta;

import java.util.regex.Pattern;

/** A DatabaseMetaData name pattern: SQL LIKE with '%' and '_', '\' escaping; null matches everything. */
final class NamePattern {
    private final Pattern regex;

    private NamePattern(Pattern regex) {
        this.regex = regex;
    }

    static NamePattern of(String like) {
        if (like == null || like.equals("%")) {
            return new NamePattern(null);
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                re.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new NamePattern(Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    /** An exact name (no wildcards); null matches everything. */
    static NamePattern exact(String name) {
        return new NamePattern(name == null ? null : Pattern.compile(Pattern.quote(name)));
    }

    boolean matches(String name) {
        return regex == null || regex.matcher(name).matches();
    }
}
