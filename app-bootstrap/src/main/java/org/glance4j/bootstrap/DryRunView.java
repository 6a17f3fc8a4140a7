package org.glance4j.bootstrap;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * A view of one of glance4j's repositories for {@code db import-glance --dry-run}: the finders and listers go to
 * the real repository, so that the dry run compares with what glance4j holds; every method that would write
 * ({@code add...}, {@code update...}, {@code remove...}) does nothing and answers as if it had succeeded: void,
 * {@code true}, {@code 0}, or (for a method returning what it stored) its first argument.
 */
final class DryRunView {
    private static final Set<String> WRITE_PREFIXES = Set.of("add", "update", "remove", "delete", "save", "put");

    private DryRunView() {}

    /** The view of {@code repository} through its port interface {@code port}. */
    static <T> T of(Class<T> port, T repository) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(repository, args);
            }
            if (writes(method)) {
                return answerWithoutWriting(method, args);
            }
            try {
                return method.invoke(repository, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    private static boolean writes(Method method) {
        String name = method.getName();
        return WRITE_PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static Object answerWithoutWriting(Method method, Object[] args) {
        Class<?> type = method.getReturnType();
        if (type == void.class) {
            return null;
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (args != null && args.length > 0 && type.isInstance(args[0])) {
            return args[0];
        }
        return null;
    }
}
