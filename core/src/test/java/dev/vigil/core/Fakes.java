package dev.vigil.core;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Function;

/**
 * Minimal stand-ins for Keycloak's model interfaces in fuzz targets: each answers the methods named
 * in {@code answers} (by method name) and refuses any other call loudly, so a target notices when the
 * code under test starts to depend on something the fake does not model.
 */
public final class Fakes {

    private Fakes() {
    }

    public static <T> T of(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        Object fake = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer != null) {
                return answer.apply(args == null ? new Object[0] : args);
            }
            if (method.getName().equals("toString") && method.getParameterCount() == 0) {
                return "fake " + type.getSimpleName();
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName() + " is not modelled");
        });
        return type.cast(fake);
    }
}
