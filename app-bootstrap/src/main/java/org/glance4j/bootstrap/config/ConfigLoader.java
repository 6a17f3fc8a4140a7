package org.glance4j.bootstrap.config;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.glance4j.core.format.FormatSettings;
import org.glance4j.core.settings.PropertyProtectionSettings;
import org.glance4j.http.ConnectionLimits;

/**
 * Turns an {@link IniFile} into a {@link GlanceConfig}: reads every option of {@link GlanceOptions#read()}, checks
 * its value, and lists every other option of the file as ignored. A value that does not parse is a
 * {@link ConfigException} naming the section and option; an unknown option never is.
 */
public final class ConfigLoader {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final BigInteger TWO_TO_THE_63 = BigInteger.ONE.shiftLeft(63);

    private final IniFile file;
    private final Set<String> consumed = new HashSet<>();
    private boolean multiStore;

    private ConfigLoader(IniFile file) {
        this.file = file;
    }

    /** Loads a file; relative SQLite paths are resolved against the working directory. */
    public static LoadedConfig load(IniFile file) {
        return load(file, Path.of("").toAbsolutePath());
    }

    /** Loads a file; relative SQLite paths are resolved against {@code workingDir}. */
    public static LoadedConfig load(IniFile file, Path workingDir) {
        return new ConfigLoader(file).read(workingDir);
    }

    private LoadedConfig read(Path workingDir) {
        Stores stores = stores(workingDir);
        Optional<DatabaseTarget> database = optional(GlanceOptions.CONNECTION)
                .filter(v -> !v.isBlank())
                .map(v -> SqlAlchemyUrls.toJdbc(v.strip(), where(GlanceOptions.CONNECTION), workingDir));
        GlanceConfig config = new GlanceConfig(
                string(GlanceOptions.BIND_HOST),
                integer(GlanceOptions.BIND_PORT, 0, 65535),
                optional(GlanceOptions.WORKERS).map(v -> parseInt(GlanceOptions.WORKERS, v, 0, Integer.MAX_VALUE)),
                integer(GlanceOptions.LIMIT_PARAM_DEFAULT, 1, Integer.MAX_VALUE),
                integer(GlanceOptions.API_LIMIT_MAX, 1, Integer.MAX_VALUE),
                integer(GlanceOptions.IMAGE_PROPERTY_QUOTA, Integer.MIN_VALUE, Integer.MAX_VALUE),
                integer(GlanceOptions.IMAGE_TAG_QUOTA, Integer.MIN_VALUE, Integer.MAX_VALUE),
                integer(GlanceOptions.IMAGE_MEMBER_QUOTA, Integer.MIN_VALUE, Integer.MAX_VALUE),
                sizeCap(),
                hashingAlgorithm(),
                formats(GlanceOptions.DISK_FORMATS),
                formats(GlanceOptions.CONTAINER_FORMATS),
                database,
                integer(GlanceOptions.MAX_POOL_SIZE, 1, Integer.MAX_VALUE),
                optional(GlanceOptions.FLAVOR).map(String::strip).filter(v -> !v.isEmpty()),
                stores.stores(),
                stores.defaultStore(),
                bool(GlanceOptions.SHOW_IMAGE_DIRECT_URL),
                bool(GlanceOptions.SHOW_MULTIPLE_LOCATIONS),
                policy(),
                new FormatSettings(
                        bool(GlanceOptions.REQUIRE_IMAGE_FORMAT_MATCH),
                        list(GlanceOptions.VMDK_ALLOWED_TYPES),
                        list(GlanceOptions.GPT_SAFETY_CHECKS_NONFATAL)),
                integer(GlanceOptions.MAX_LIST_FILTERS, 1, Integer.MAX_VALUE),
                java.time.Duration.ofSeconds(integer(GlanceOptions.STATEMENT_TIMEOUT, 0, Integer.MAX_VALUE)));
        ImportConfig importing = importConfig(workingDir);
        ConnectionLimits connections = connections();
        KeystoneConfig keystone = keystone();
        OsloLimitConfig limits = limits();
        Duration nodeLease = Duration.ofSeconds(integer(GlanceOptions.NODE_LEASE_SECONDS, 3, MAX_TIMEOUT_SECONDS));
        List<Path> pluginDirs = pluginDirs(workingDir);
        CacheConfig cache = cache(workingDir);
        OperationsConfig operations = operations();
        List<IgnoredOption> ignored = new ArrayList<>(ignored());
        database.ifPresent(target -> target.ignoredParameters()
                .forEach((name, why) -> ignored.add(new IgnoredOption(
                        GlanceOptions.CONNECTION.section(),
                        GlanceOptions.CONNECTION.name() + " parameter " + name,
                        true,
                        Optional.empty(),
                        Optional.of(why)))));
        return new LoadedConfig(
                config, ignored, importing, connections, keystone, limits, nodeLease, pluginDirs, cache, operations);
    }

    /** {@code [glance4j] plugin_dirs}: directories of store plugin jars, relative ones against the working dir. */
    private List<Path> pluginDirs(Path workingDir) {
        List<Path> dirs = new ArrayList<>();
        for (String item : list(GlanceOptions.PLUGIN_DIRS)) {
            try {
                dirs.add(workingDir.resolve(item).normalize());
            } catch (java.nio.file.InvalidPathException e) {
                throw invalid(GlanceOptions.PLUGIN_DIRS, item, "it is not a path");
            }
        }
        return dirs;
    }

    /** {@code image_cache_*} and {@code cache_prefetcher_interval}; the directory is resolved against the working one. */
    private CacheConfig cache(Path workingDir) {
        Optional<Path> directory = optional(GlanceOptions.IMAGE_CACHE_DIR)
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .map(v -> {
                    try {
                        return workingDir.resolve(v).normalize();
                    } catch (java.nio.file.InvalidPathException e) {
                        throw invalid(GlanceOptions.IMAGE_CACHE_DIR, v, "it is not a path");
                    }
                });
        OptionSpec maxSizeOption = GlanceOptions.IMAGE_CACHE_MAX_SIZE;
        String maxSizeText = optional(maxSizeOption).orElse(maxSizeOption.defaultText());
        BigInteger maxSize = parseInteger(maxSizeOption, maxSizeText);
        if (maxSize.signum() < 0 || maxSize.bitLength() > 63) {
            throw invalid(maxSizeOption, maxSizeText, "it must be between 0 and 9223372036854775807");
        }
        String driver = string(GlanceOptions.IMAGE_CACHE_DRIVER).toLowerCase(java.util.Locale.ROOT);
        Optional<String> driverWarning = switch (driver) {
            case "centralized_db" -> Optional.empty();
            case "sqlite", "xattr" ->
                Optional.of("[DEFAULT] image_cache_driver = " + driver + " is taken as "
                        + "centralized_db: glance4j keeps the image cache records in its own database");
            default ->
                throw invalid(
                        GlanceOptions.IMAGE_CACHE_DRIVER,
                        driver,
                        "it must be centralized_db (or Glance's deprecated sqlite or xattr, taken as centralized_db)");
        };
        optional(GlanceOptions.IMAGE_CACHE_SQLITE_DB);
        return new CacheConfig(
                directory,
                maxSize.longValueExact(),
                Duration.ofSeconds(integer(GlanceOptions.IMAGE_CACHE_STALL_TIME, 0, Integer.MAX_VALUE)),
                Duration.ofSeconds(integer(GlanceOptions.CACHE_PREFETCHER_INTERVAL, 1, MAX_TIMEOUT_SECONDS)),
                driverWarning);
    }

    private OperationsConfig operations() {
        Optional<Path> disableByFile =
                nonEmpty(GlanceOptions.DISABLE_BY_FILE_PATH).map(Path::of);
        Optional<Integer> metricsPort =
                nonEmpty(GlanceOptions.METRICS_PORT).map(v -> parseInt(GlanceOptions.METRICS_PORT, v, 0, 65535));
        String format = string(GlanceOptions.LOG_FORMAT).toLowerCase(Locale.ROOT);
        OperationsConfig.LogFormat logFormat = switch (format) {
            case "text" -> OperationsConfig.LogFormat.TEXT;
            case "json" -> OperationsConfig.LogFormat.JSON;
            default -> throw invalid(GlanceOptions.LOG_FORMAT, format, "it must be text or json");
        };
        return new OperationsConfig(
                disableByFile,
                metricsPort,
                nonEmpty(GlanceOptions.METRICS_BIND_HOST),
                logFormat,
                bool(GlanceOptions.ACCESS_LOG),
                java.time.Duration.ofSeconds(integer(GlanceOptions.IMAGE_VERIFY_INTERVAL, 0, Integer.MAX_VALUE)),
                integer(GlanceOptions.IMAGE_VERIFY_RATE_MIB, 0, 1_048_576),
                java.time.Duration.ofSeconds(integer(GlanceOptions.TUS_UPLOAD_EXPIRY, 60, Integer.MAX_VALUE)));
    }

    private KeystoneConfig keystone() {
        Optional<URI> authUrl = optional(GlanceOptions.KS_AUTH_URL)
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .map(v -> {
                    try {
                        URI uri = new URI(v);
                        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                                || uri.getHost() == null) {
                            throw invalid(GlanceOptions.KS_AUTH_URL, v, "it must be an http or https URL");
                        }
                        return uri;
                    } catch (URISyntaxException e) {
                        throw invalid(GlanceOptions.KS_AUTH_URL, v, "it is not a URL");
                    }
                });
        String authType = string(GlanceOptions.KS_AUTH_TYPE);
        if (!authType.equals("password") && !authType.equals("v3password")) {
            throw invalid(GlanceOptions.KS_AUTH_TYPE, authType, "glance4j authenticates with password only");
        }
        int cacheTime = parseInt(
                GlanceOptions.KS_TOKEN_CACHE_TIME,
                optional(GlanceOptions.KS_TOKEN_CACHE_TIME).orElse(GlanceOptions.KS_TOKEN_CACHE_TIME.defaultText()),
                -1,
                Integer.MAX_VALUE);
        return new KeystoneConfig(
                nonEmpty(GlanceOptions.KS_WWW_AUTHENTICATE_URI),
                authUrl,
                nonEmpty(GlanceOptions.KS_USERNAME),
                optional(GlanceOptions.KS_PASSWORD),
                string(GlanceOptions.KS_PROJECT_NAME),
                string(GlanceOptions.KS_USER_DOMAIN_NAME),
                string(GlanceOptions.KS_PROJECT_DOMAIN_NAME),
                nonEmpty(GlanceOptions.KS_REGION_NAME),
                Duration.ofSeconds(Math.max(0, cacheTime)),
                list(GlanceOptions.KS_SERVICE_TOKEN_ROLES),
                bool(GlanceOptions.KS_SERVICE_TOKEN_ROLES_REQUIRED),
                Duration.ofSeconds(integer(GlanceOptions.KS_HTTP_CONNECT_TIMEOUT, 1, MAX_TIMEOUT_SECONDS)),
                integer(GlanceOptions.KS_HTTP_REQUEST_MAX_RETRIES, 0, Integer.MAX_VALUE),
                nonEmpty(GlanceOptions.KS_MEMCACHE_SERVERS));
    }

    private OsloLimitConfig limits() {
        Optional<URI> authUrl = nonEmpty(GlanceOptions.OL_AUTH_URL).map(v -> httpUrl(GlanceOptions.OL_AUTH_URL, v));
        String authType = string(GlanceOptions.OL_AUTH_TYPE);
        if (!authType.equals("password") && !authType.equals("v3password")) {
            throw invalid(GlanceOptions.OL_AUTH_TYPE, authType, "glance4j authenticates with password only");
        }
        Optional<String> systemScope = nonEmpty(GlanceOptions.OL_SYSTEM_SCOPE);
        if (systemScope.isPresent() && !systemScope.get().equals("all")) {
            throw invalid(GlanceOptions.OL_SYSTEM_SCOPE, systemScope.get(), "the only system scope is all");
        }
        String endpointInterface = string(GlanceOptions.OL_ENDPOINT_INTERFACE);
        if (!Set.of("public", "publicURL", "internal", "internalURL", "admin", "adminURL")
                .contains(endpointInterface)) {
            throw invalid(
                    GlanceOptions.OL_ENDPOINT_INTERFACE, endpointInterface, "it must be public, internal or admin");
        }
        nonEmpty(GlanceOptions.OL_REGION_NAME);
        return new OsloLimitConfig(
                bool(GlanceOptions.USE_KEYSTONE_LIMITS),
                authUrl,
                nonEmpty(GlanceOptions.OL_USERNAME),
                nonEmpty(GlanceOptions.OL_USER_ID),
                optional(GlanceOptions.OL_PASSWORD),
                string(GlanceOptions.OL_USER_DOMAIN_NAME),
                nonEmpty(GlanceOptions.OL_USER_DOMAIN_ID),
                systemScope,
                nonEmpty(GlanceOptions.OL_PROJECT_NAME),
                nonEmpty(GlanceOptions.OL_PROJECT_ID),
                string(GlanceOptions.OL_PROJECT_DOMAIN_NAME),
                nonEmpty(GlanceOptions.OL_PROJECT_DOMAIN_ID),
                nonEmpty(GlanceOptions.OL_ENDPOINT_ID),
                nonEmpty(GlanceOptions.OL_ENDPOINT_SERVICE_TYPE),
                nonEmpty(GlanceOptions.OL_ENDPOINT_SERVICE_NAME),
                nonEmpty(GlanceOptions.OL_ENDPOINT_REGION_NAME),
                endpointInterface,
                Duration.ofSeconds(integer(GlanceOptions.OL_TIMEOUT, 1, MAX_TIMEOUT_SECONDS)),
                integer(GlanceOptions.OL_CONNECT_RETRIES, 0, Integer.MAX_VALUE));
    }

    private URI httpUrl(OptionSpec option, String text) {
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw invalid(option, text, "it must be an http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(option, text, "it is not a URL");
        }
    }

    private Optional<String> nonEmpty(OptionSpec option) {
        return optional(option).map(String::strip).filter(v -> !v.isEmpty());
    }

    private ConnectionLimits connections() {
        int socketTimeout = integer(GlanceOptions.CLIENT_SOCKET_TIMEOUT, 0, MAX_TIMEOUT_SECONDS);
        int headerTimeout = integer(GlanceOptions.REQUEST_HEADER_TIMEOUT, 0, MAX_TIMEOUT_SECONDS);
        int maxConnections = optional(GlanceOptions.MAX_CLIENT_CONNECTIONS)
                .map(v -> parseInt(GlanceOptions.MAX_CLIENT_CONNECTIONS, v, 1, Integer.MAX_VALUE))
                .orElseGet(ConnectionLimits::defaultMaxConnections);
        return new ConnectionLimits(
                Duration.ofSeconds(socketTimeout), Duration.ofSeconds(headerTimeout), maxConnections);
    }

    /** The longest timeout Undertow takes (its options are int milliseconds). */
    private static final int MAX_TIMEOUT_SECONDS = Integer.MAX_VALUE / 1000;

    private static final Set<String> IMPORT_METHODS = Set.of("glance-direct", "web-download", "copy-image");
    private static final Set<String> IMPORT_PLUGINS =
            Set.of("image_decompression", "image_conversion", "inject_image_metadata", "no_op");
    private static final Set<String> OUTPUT_FORMATS = Set.of("raw", "qcow2", "vmdk");

    private ImportConfig importConfig(Path workingDir) {
        List<String> methods = list(GlanceOptions.ENABLED_IMPORT_METHODS);
        for (String method : methods) {
            if (!IMPORT_METHODS.contains(method)) {
                throw invalid(
                        GlanceOptions.ENABLED_IMPORT_METHODS,
                        String.join(",", methods),
                        "'" + method + "' is not one of glance-direct, web-download, copy-image");
            }
        }
        List<String> plugins = list(GlanceOptions.IMAGE_IMPORT_PLUGINS);
        for (String plugin : plugins) {
            if (!IMPORT_PLUGINS.contains(plugin)) {
                throw invalid(
                        GlanceOptions.IMAGE_IMPORT_PLUGINS,
                        String.join(",", plugins),
                        "'" + plugin
                                + "' is not one of image_decompression, image_conversion, inject_image_metadata, no_op");
            }
        }
        String output = string(GlanceOptions.OUTPUT_FORMAT);
        if (!OUTPUT_FORMATS.contains(output)) {
            throw invalid(GlanceOptions.OUTPUT_FORMAT, output, "it must be raw, qcow2 or vmdk");
        }
        Map<String, String> inject = new LinkedHashMap<>();
        for (String pair : list(GlanceOptions.INJECT)) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw invalid(GlanceOptions.INJECT, pair, "write key:value pairs separated by commas");
            }
            inject.put(
                    pair.substring(0, colon).strip(), pair.substring(colon + 1).strip());
        }
        Optional<Path> staging = optional(GlanceOptions.STAGING_STORE_DATADIR)
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .map(v -> workingDir.resolve(v).normalize());
        Optional<String> stagingUri =
                optional(GlanceOptions.NODE_STAGING_URI).map(String::strip).filter(v -> !v.isEmpty());
        if (staging.isEmpty() && stagingUri.isPresent()) {
            if (!stagingUri.get().startsWith("file://")) {
                throw invalid(GlanceOptions.NODE_STAGING_URI, stagingUri.get(), "it must be a file:// URI");
            }
            staging = Optional.of(workingDir
                    .resolve(stagingUri.get().substring("file://".length()))
                    .normalize());
        }
        return new ImportConfig(
                methods,
                staging,
                plugins,
                output,
                inject,
                list(GlanceOptions.IGNORE_USER_ROLES),
                list(GlanceOptions.ALLOWED_SCHEMES),
                list(GlanceOptions.DISALLOWED_SCHEMES),
                list(GlanceOptions.ALLOWED_HOSTS),
                list(GlanceOptions.DISALLOWED_HOSTS),
                ports(GlanceOptions.ALLOWED_PORTS),
                ports(GlanceOptions.DISALLOWED_PORTS),
                integer(GlanceOptions.TASK_POOL_THREADS, 1, Integer.MAX_VALUE),
                integer(GlanceOptions.TASK_TIME_TO_LIVE, 1, Integer.MAX_VALUE));
    }

    private List<Integer> ports(OptionSpec option) {
        List<Integer> ports = new ArrayList<>();
        for (String value : list(option)) {
            ports.add(parseInt(option, value, 1, 65535));
        }
        return ports;
    }

    private GlanceConfig.PolicyConfig policy() {
        Optional<String> policyFile =
                optional(GlanceOptions.POLICY_FILE).map(String::strip).filter(v -> !v.isEmpty());
        Optional<String> protections = optional(GlanceOptions.PROPERTY_PROTECTION_FILE)
                .map(String::strip)
                .filter(v -> !v.isEmpty());
        OptionSpec formatOption = GlanceOptions.PROPERTY_PROTECTION_RULE_FORMAT;
        String formatText = string(formatOption);
        PropertyProtectionSettings.Format format = switch (formatText.toLowerCase(Locale.ROOT)) {
            case "roles" -> PropertyProtectionSettings.Format.ROLES;
            case "policies" -> PropertyProtectionSettings.Format.POLICIES;
            default -> throw invalid(formatOption, formatText, "the permitted values are roles and policies");
        };
        return new GlanceConfig.PolicyConfig(policyFile, protections, format);
    }

    private String hashingAlgorithm() {
        OptionSpec option = GlanceOptions.HASHING_ALGORITHM;
        String text = optional(option).orElse(option.defaultText());
        return HashingAlgorithms.normalise(text)
                .orElseThrow(() -> invalid(option, text, "glance4j computes " + HashingAlgorithms.accepted()));
    }

    /** The stores and the default one, as read from the file. */
    private record Stores(List<StoreConfig> stores, String defaultStore) {}

    /** Sections a store id may not take, since their options mean something else. */
    private static final Set<String> TAKEN_SECTIONS = Set.of(
            IniFile.DEFAULT_SECTION,
            GlanceOptions.GLANCE_STORE,
            GlanceOptions.DATABASE,
            GlanceOptions.IMAGE_FORMAT,
            GlanceOptions.PASTE_DEPLOY,
            GlanceOptions.OSLO_POLICY,
            GlanceOptions.IMAGE_IMPORT_OPTS,
            GlanceOptions.IMPORT_FILTERING_OPTS,
            GlanceOptions.IMAGE_CONVERSION,
            GlanceOptions.INJECT_METADATA_PROPERTIES,
            GlanceOptions.WSGI,
            GlanceOptions.TASK);
    /** Store ids Glance reserves for itself. */
    private static final Set<String> RESERVED_STORE_IDS = Set.of("os_glance_staging_store", "os_glance_tasks_store");

    private static final Pattern STORE_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*");
    /** Single-store options of [glance_store] that describe the choice of store, not the store's own options. */
    private static final Set<String> STORE_CHOICE_OPTIONS = Set.of(
            GlanceOptions.DEFAULT_BACKEND.name(), GlanceOptions.DEFAULT_STORE.name(), GlanceOptions.STORES.name());

    private Stores stores(Path workingDir) {
        Optional<String> enabled = optional(GlanceOptions.ENABLED_BACKENDS).filter(v -> !v.isBlank());
        multiStore = enabled.isPresent();
        return multiStore ? enabledBackends(enabled.get(), workingDir) : singleStore(workingDir);
    }

    /** {@code enabled_backends = id:type,...}: each store's options come from the section named after its id. */
    private Stores enabledBackends(String text, Path workingDir) {
        OptionSpec option = GlanceOptions.ENABLED_BACKENDS;
        Map<String, String> types = new LinkedHashMap<>();
        for (String stripped : items(option, text)) {
            int colon = stripped.indexOf(':');
            if (colon < 0) {
                throw invalid(option, text, "the entry '" + stripped + "' is not an id:type pair (e.g. fast:file)");
            }
            String id = stripped.substring(0, colon).strip();
            String type = stripped.substring(colon + 1).strip();
            if (!STORE_ID.matcher(id).matches()) {
                throw invalid(
                        option,
                        text,
                        "the store id '" + id + "' must be letters, digits, '_', '-' or '.', "
                                + "and not start with '.'");
            }
            if (type.isEmpty()) {
                throw invalid(option, text, "the store '" + id + "' has no type (e.g. " + id + ":file)");
            }
            if (RESERVED_STORE_IDS.contains(id)) {
                throw invalid(option, text, "the store id '" + id + "' is reserved by Glance");
            }
            if (TAKEN_SECTIONS.contains(IniFile.normaliseSection(id))) {
                throw invalid(
                        option,
                        text,
                        "the store id '" + id + "' names a section with other options; " + "choose another id");
            }
            if (types.keySet().stream()
                    .anyMatch(known -> IniFile.normaliseSection(known).equals(IniFile.normaliseSection(id)))) {
                throw invalid(option, text, "the store id '" + id + "' appears twice");
            }
            types.put(id, type);
        }
        List<StoreConfig> stores = new ArrayList<>();
        types.forEach((id, type) -> stores.add(storeFromSection(id, type, IniFile.normaliseSection(id), Set.of())));
        stores.forEach(this::checkStoreOptions);
        OptionSpec backend = GlanceOptions.DEFAULT_BACKEND;
        String ids = String.join(", ", types.keySet());
        String defaultStore = optional(backend)
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .orElseThrow(() -> new ConfigException(backend.qualifiedName() + " is not set: with "
                        + option.qualifiedName() + " it must name the store that receives uploads, one of: " + ids));
        if (!types.containsKey(defaultStore)) {
            throw invalid(backend, defaultStore, "it is not a store of " + option.qualifiedName() + " (" + ids + ")");
        }
        return new Stores(stores, defaultStore);
    }

    /**
     * {@code weight} must be an integer, {@code image_conversion_output_format} raw, qcow2 or vmdk;
     * {@code store_description} is free text.
     */
    private void checkStoreOptions(StoreConfig store) {
        for (OptionSpec known : GlanceOptions.STORE_OPTIONS) {
            consumed.add(key(store.section(), known.name()));
        }
        OptionSpec weight = new OptionSpec(
                store.section(),
                GlanceOptions.WEIGHT.name(),
                GlanceOptions.WEIGHT.defaultText(),
                GlanceOptions.WEIGHT.support(),
                GlanceOptions.WEIGHT.description());
        String text = store.options().get(weight.name());
        if (text != null) {
            parseInt(weight, text, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        String format = store.options().get(GlanceOptions.STORE_OUTPUT_FORMAT.name());
        if (format != null && !format.isBlank() && !OUTPUT_FORMATS.contains(format.strip())) {
            OptionSpec output = new OptionSpec(
                    store.section(),
                    GlanceOptions.STORE_OUTPUT_FORMAT.name(),
                    GlanceOptions.STORE_OUTPUT_FORMAT.defaultText(),
                    GlanceOptions.STORE_OUTPUT_FORMAT.support(),
                    GlanceOptions.STORE_OUTPUT_FORMAT.description());
            throw invalid(output, format.strip(), "it must be raw, qcow2 or vmdk");
        }
    }

    /** Whether {@code text} is true the way oslo.config reads booleans; null when it is no boolean. */
    private boolean bool(OptionSpec option) {
        String text = optional(option).orElse(option.defaultText()).strip().toLowerCase(java.util.Locale.ROOT);
        return switch (text) {
            case "true", "1", "on", "yes" -> true;
            case "false", "0", "off", "no" -> false;
            default -> throw invalid(option, text, "it is not a boolean (true or false)");
        };
    }

    /** Glance's single-store form: one file store with its options in [glance_store]. */
    private Stores singleStore(Path workingDir) {
        OptionSpec choice = GlanceOptions.DEFAULT_STORE;
        String store = string(choice);
        if (!store.equals("file") && !store.equals("filesystem")) {
            throw invalid(choice, store, "glance4j has only the file store so far (file or filesystem)");
        }
        optional(GlanceOptions.STORES).ifPresent(text -> items(GlanceOptions.STORES, text));
        StoreConfig file = storeFromSection(SINGLE_STORE_ID, "file", GlanceOptions.GLANCE_STORE, STORE_CHOICE_OPTIONS);
        return new Stores(List.of(file), SINGLE_STORE_ID);
    }

    /** The id of the one store of the single-store form. */
    public static final String SINGLE_STORE_ID = "file";

    /**
     * A store and every option of its section; the store owns them (its factory's declaration says which it knows),
     * so none is reported here, except the server's own options of [glance_store] in the single-store form.
     */
    private StoreConfig storeFromSection(String id, String type, String section, Set<String> skip) {
        Map<String, String> options = new LinkedHashMap<>();
        file.sections().getOrDefault(section, Map.of()).forEach((name, value) -> {
            if (!skip.contains(name) && GlanceOptions.find(section, name).isEmpty()) {
                options.put(name, value.text());
                consumed.add(key(section, name));
            }
        });
        return new StoreConfig(id, type, section, options);
    }

    private Optional<String> optional(OptionSpec option) {
        consumed.add(key(option.section(), option.name()));
        return file.value(option.section(), option.name()).map(IniFile.IniValue::text);
    }

    private String string(OptionSpec option) {
        return optional(option).map(String::strip).orElse(option.defaultText());
    }

    private int integer(OptionSpec option, int min, int max) {
        return parseInt(option, optional(option).orElse(option.defaultText()), min, max);
    }

    private int parseInt(OptionSpec option, String text, int min, int max) {
        BigInteger value = parseInteger(option, text);
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw invalid(
                    option,
                    text,
                    min == Integer.MIN_VALUE
                            ? "it does not fit in a 32-bit integer"
                            : max == Integer.MAX_VALUE
                                    ? "it must be at least " + min
                                    : "it must be between " + min + " and " + max);
        }
        return value.intValueExact();
    }

    private long sizeCap() {
        OptionSpec option = GlanceOptions.IMAGE_SIZE_CAP;
        String text = optional(option).orElse(option.defaultText());
        BigInteger value = parseInteger(option, text);
        if (value.signum() < 1 || value.compareTo(TWO_TO_THE_63) > 0) {
            throw invalid(option, text, "it must be between 1 and 9223372036854775808");
        }
        return value.equals(TWO_TO_THE_63) ? Long.MAX_VALUE : value.longValueExact();
    }

    /**
     * A list of its own section, in either of oslo.config's forms ({@link ListValue}); an empty value (and the
     * default "(none)") is the empty list.
     */
    private List<String> list(OptionSpec option) {
        String text = optional(option).orElse(option.defaultText().equals("(none)") ? "" : option.defaultText());
        return items(option, text);
    }

    /** The items of a list value: the one list reader of every list option. */
    private List<String> items(OptionSpec option, String text) {
        try {
            return ListValue.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(option, text, e.getMessage());
        }
    }

    private BigInteger parseInteger(OptionSpec option, String text) {
        String stripped = text.strip();
        if (!INTEGER.matcher(stripped).matches()) {
            throw invalid(option, text, "it is not an integer");
        }
        return new BigInteger(stripped);
    }

    /** A list option, read from its own section or else from [DEFAULT], Glance's deprecated place for it. */
    private List<String> formats(OptionSpec option) {
        Optional<String> own = optional(option);
        String deprecatedKey = key(IniFile.DEFAULT_SECTION, option.name());
        Optional<String> deprecated =
                file.value(IniFile.DEFAULT_SECTION, option.name()).map(IniFile.IniValue::text);
        consumed.add(deprecatedKey);
        String text = own.or(() -> deprecated).orElse(option.defaultText());
        OptionSpec source = own.isEmpty() && deprecated.isPresent()
                ? new OptionSpec(
                        IniFile.DEFAULT_SECTION,
                        option.name(),
                        option.defaultText(),
                        option.support(),
                        option.description())
                : option;
        return items(source, text);
    }

    private List<IgnoredOption> ignored() {
        List<IgnoredOption> ignored = new ArrayList<>();
        List<OptionSpec> readable = GlanceOptions.read();
        for (Map.Entry<String, Map<String, IniFile.IniValue>> section :
                file.sections().entrySet()) {
            for (String name : section.getValue().keySet()) {
                if (consumed.contains(key(section.getKey(), name))) {
                    continue;
                }
                boolean known = GlanceOptions.find(section.getKey(), name).isPresent();
                Optional<String> reason = storeFormReason(section.getKey(), name);
                Optional<String> hint = known || reason.isPresent()
                        ? Optional.empty()
                        : Misspellings.closest(section.getKey(), name, readable).map(OptionSpec::qualifiedName);
                ignored.add(new IgnoredOption(section.getKey(), name, known, hint, reason));
            }
        }
        return ignored;
    }

    /** Why a store option of the other configuration form is ignored. */
    private Optional<String> storeFormReason(String section, String name) {
        if (!section.equals(GlanceOptions.GLANCE_STORE)) {
            return Optional.empty();
        }
        if (multiStore
                && (name.equals(GlanceOptions.DEFAULT_STORE.name())
                        || name.equals(GlanceOptions.STORES.name())
                        || GlanceOptions.find(section, name).isEmpty())) {
            return Optional.of("no effect with enabled_backends; stores read their options from their own section");
        }
        if (!multiStore && name.equals(GlanceOptions.DEFAULT_BACKEND.name())) {
            return Optional.of("no effect without enabled_backends");
        }
        return Optional.empty();
    }

    private ConfigException invalid(OptionSpec option, String text, String why) {
        return new ConfigException("invalid value for " + where(option) + ": '" + text.strip() + "': " + why);
    }

    private String where(OptionSpec option) {
        String place = option.qualifiedName();
        Optional<IniFile.IniValue> value = file.value(option.section(), option.name());
        return value.map(v -> place + " (" + file.source() + ", line " + v.line() + ")")
                .orElse(place);
    }

    private static String key(String section, String name) {
        return IniFile.normaliseSection(section) + "\u0000" + name;
    }
}
