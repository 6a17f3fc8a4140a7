package org.glance4j.bootstrap;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which components of two records of the same type differ: how {@code db import-glance} tells a record glance4j
 * already holds from Glance's. JSON-like values (maps, lists, numbers) compare by value, so {@code 1} and
 * {@code 1L} are the same number, as they are in JSON.
 */
final class RecordDifferences {

    private RecordDifferences() {}

    /** The names of the components that differ, {@code ignored} left out; empty when the records are the same. */
    static <R extends Record> List<String> between(R stored, R wanted, Set<String> ignored) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : stored.getClass().getRecordComponents()) {
            if (ignored.contains(component.getName())) {
                continue;
            }
            if (!same(value(component, stored), value(component, wanted))) {
                names.add(component.getName());
            }
        }
        return names;
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }

    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                if (!same(entry.getValue(), y.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!same(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
