package org.wakuchat.core.engine;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.wakuchat.core.SealedSettings;
import org.wakuchat.core.store.SecretStore;

/** Sealed settings as secrets of kind "setting": name and value encrypted at rest. */
final class StoredSealedSettings implements SealedSettings {

    private static final String KIND = "setting";
    private final SecretStore secrets;

    StoredSealedSettings(SecretStore secrets) {
        this.secrets = secrets;
    }

    @Override
    public Optional<String> get(String name) {
        return secrets.get(KIND, name).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public void put(String name, String value) {
        Objects.requireNonNull(name, "name");
        if (value == null || value.isEmpty()) {
            secrets.delete(KIND, name);
        } else {
            secrets.put(KIND, name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
